"""The shared kernel: value objects and errors every bounded context speaks."""
