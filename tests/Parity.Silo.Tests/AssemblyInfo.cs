// The tests start silos (TCP ports, SQLite files, PostgreSQL) and one reads PARITY_DATA_DIR: one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
