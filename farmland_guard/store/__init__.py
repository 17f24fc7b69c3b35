"""The work store: one GeoPackage per batch (patches, parcels, results, attachments, history,
outbox). Single writer, one transaction per user action."""
