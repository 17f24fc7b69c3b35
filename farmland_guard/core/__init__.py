"""The domain in pure Python, shared with the server. Imports neither qgis nor Qt."""
