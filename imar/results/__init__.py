"""Results framework: indicators per project and program, their periods (targets, actuals,
evidence, disaggregation), the catalogue of standard indicators and the roll-up."""
