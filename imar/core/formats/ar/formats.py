# Libyan usage: Western digits, "." for decimals, "," between thousands (as in the fund's reports).
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "Y-m-d"
