"""Docks, dialogs and map tools: the only part of the plugin that touches ``iface``."""
