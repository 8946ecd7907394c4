"""The OCDS 1.1 export of procurement: releases (releases.py), their immutable stored
revisions (publish.py) and the release and record packages (package.py)."""
