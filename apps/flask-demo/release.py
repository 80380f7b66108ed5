"""Release phase: runs before each new release goes live (migrations would go here)."""
import os

if __name__ == "__main__":
    print("release phase: database", "configured" if os.environ.get("DATABASE_URL") else "missing", flush=True)
