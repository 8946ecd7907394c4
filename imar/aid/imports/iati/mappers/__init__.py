"""IATI codes turned into Imar's: sectors (DAC 5-digit and 3-digit to the fund's sectors)."""
