print("ingest benchmark")
