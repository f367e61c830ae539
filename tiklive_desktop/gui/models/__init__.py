"""Qt item models over the repository; each passes pytest-qt's qtmodeltester."""
