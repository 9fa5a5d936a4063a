import json, os, sys
import candidate
cases = json.load(sys.stdin)
with os.fdopen(3, "w") as out:
    for c in cases:
        try:
            line = json.dumps({"actual": candidate.double(c["n"])})
        except Exception as e:
            line = json.dumps({"error": f"{type(e).__name__}: {e}"})
        out.write(line + "\n")
        out.flush()
