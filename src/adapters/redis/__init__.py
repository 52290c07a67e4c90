"""Redis adapters: state several service instances must share, such as rate-limit counters."""
