"""The offline sync's HTTP side (DESIGN.md §6.2): a Qt-free client on ``requests``. The GUI
gives it the proxy and the credentials (from QGIS's auth manager); it never stores a secret."""
