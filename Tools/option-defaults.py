"""Prints a DocC section listing every option's default of an ArgumentParser tool, read from
the tool's own `--experimental-dump-help` (the same declarations `--help` shows), for the
command references Tools/generate-references.sh writes.

    python3 Tools/option-defaults.py .build/debug/trajectories >> reference.md
"""
import json
import subprocess
import sys

tool = sys.argv[1]
info = json.loads(subprocess.run([tool, "--experimental-dump-help"], check=True, capture_output=True, text=True).stdout)
rows = []


def walk(command, path):
    for argument in command.get("arguments", []):
        if "defaultValue" in argument and argument.get("kind") == "option":
            names = [n["name"] for n in argument.get("names", []) if n.get("kind") == "long"]
            if names:
                rows.append((" ".join(path), "--" + names[0], argument["defaultValue"]))
    for sub in command.get("subcommands", []):
        walk(sub, path + [sub["commandName"]])


walk(info["command"], [info["command"]["commandName"]])
if rows:
    print("\n## Defaults\n")
    print("Every option's default, read from the same declarations.\n")
    print("| command | option | default |")
    print("|---|---|---|")
    for command, option, default in rows:
        print(f"| `{command}` | `{option}` | `{default}` |")
