print("fingerprint benchmark")
