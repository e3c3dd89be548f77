"""`migrate verify`: run the legacy flow and the migrated flow on a real engine and compare the images."""
