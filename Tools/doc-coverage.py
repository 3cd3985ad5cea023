"""The share of public symbols whose documentation page has an abstract, per library module,
read from the DocC archives that `swift package generate-documentation` wrote. A symbol counts
as documented when its page says what it is: its own doc comment, or the documentation DocC
carries over from the protocol requirement it implements. Symbols that come from another
module (default implementations of the standard library's protocols) are left out.

    python3 Tools/doc-coverage.py [ARCHIVES_FOLDER] [--missing]
"""
import glob
import json
import os
import sys

folders = [a for a in sys.argv[1:] if not a.startswith("--")]
root = folders[0] if folders else ".build/plugins/Swift-DocC/outputs"
modules = ["Optimizers", "Surfaces", "Scenes", "Rendering", "ScenePictures", "FashionMNIST", "Landscape", "Comparison", "Explorer"]
total_documented = total = 0
missing = []
for module in modules:
    pages = glob.glob(os.path.join(root, f"{module}.doccarchive", "data", "documentation", module.lower(), "**", "*.json"), recursive=True)
    documented = count = 0
    for page in pages:
        with open(page) as f:
            data = json.load(f)
        meta = data.get("metadata", {})
        if data.get("kind") != "symbol" or meta.get("modules", [{}])[0].get("name") != module:
            continue
        if "extendedModule" in meta and meta["extendedModule"] != module:
            continue
        if meta.get("role") == "collectionGroup":
            continue
        count += 1
        if data.get("abstract"):
            documented += 1
        else:
            missing.append(data.get("identifier", {}).get("url", page))
    total_documented += documented
    total += count
    print(f"{module:14} {documented:4} of {count:4} ({100 * documented / max(count, 1):.0f} %)")
print(f"{'all':14} {total_documented:4} of {total:4} ({100 * total_documented / max(total, 1):.1f} %)")
if "--missing" in sys.argv:
    print("\n".join(sorted(missing)))
