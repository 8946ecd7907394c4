"""OC4IDS: the public projects as one project package."""
