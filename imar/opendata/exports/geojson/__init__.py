"""GeoJSON points of the public projects."""
