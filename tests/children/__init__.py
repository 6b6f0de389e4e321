"""Programs the reliability tests run in their own processes (`python -m tests.children.NAME`)."""
