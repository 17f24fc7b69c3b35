"""The central server of farmland_guard (DESIGN.md §5, §6.2): batches, verified results,
review and an OGC API Features view, scoped to each caller's region. Imports
``farmland_guard.core`` and nothing else of the plugin."""
