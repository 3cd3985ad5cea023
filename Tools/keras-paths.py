"""Keras 3's own float64 paths of every optimizer on Beale, Rosenbrock and the saddle, written
as Tests/OptimizersTests/Fixtures/keras-paths.json: the reference the Optimizers tests compare
Descent's rules with. A development tool, not a test dependency:

    python3 -m venv /tmp/kvenv && /tmp/kvenv/bin/pip install keras jax tensorflow-cpu
    KERAS_BACKEND=jax JAX_ENABLE_X64=1 /tmp/kvenv/bin/python Tools/keras-paths.py
    KERAS_BACKEND=tensorflow /tmp/kvenv/bin/python Tools/keras-paths.py   # keras-paths-tensorflow.json

Descent follows the JAX backend (keras-paths.json, the tests' fixture). The TensorFlow backend's
paths differ in two ways (KerasBackendTests shows both): its ScheduleFreeAdamW reads `z` after
`assign_sub` (the variable, not the old value), and it rounds beta_1/beta_2 through float32.

The fixture keeps each case's tolerance ("tolerances"): a rewrite keeps the old ones; for new
cases run `DESCENT_PRINT_KERAS_ERRORS=1 swift test --filter KerasPathsTests` and set each to the
next power of ten above four times the printed difference (at least 1e-13).
"""
import json
import os
import warnings

import numpy as np
import keras

keras.config.set_floatx("float64")
warnings.filterwarnings("ignore", category=RuntimeWarning)

SURFACES = {
    "beale": ((1.0, 1.5), lambda x, y: np.array([
        sum(2 * (c - x + x * y**k) * (y**k - 1) for k, c in ((1, 1.5), (2, 2.25), (3, 2.625))),
        sum(2 * (c - x + x * y**k) * (k * x * y**(k - 1)) for k, c in ((1, 1.5), (2, 2.25), (3, 2.625))),
    ])),
    "rosenbrock": ((-1.5, 2.5), lambda x, y: np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])),
    "saddle": ((1.2, 0.001), lambda x, y: np.array([2 * x, -2 * y])),
}

schedule = lambda name, **config: {"class_name": name, "config": config}
# Each case: a name, the serialised optimizer Keras builds, and how many steps to take.
CASES = [
    ("sgd", {"class_name": "SGD", "config": {"learning_rate": 0.002}}),
    ("momentum", {"class_name": "SGD", "config": {"learning_rate": 0.002, "momentum": 0.9}}),
    ("nag", {"class_name": "SGD", "config": {"learning_rate": 0.002, "momentum": 0.8, "nesterov": True}}),
    ("adagrad", {"class_name": "Adagrad", "config": {"learning_rate": 0.05, "initial_accumulator_value": 0.2, "epsilon": 1e-6}}),
    ("adadelta", {"class_name": "Adadelta", "config": {"learning_rate": 1.0, "rho": 0.9, "epsilon": 1e-4}}),
    ("rmsprop", {"class_name": "RMSprop", "config": {"learning_rate": 0.01, "rho": 0.8}}),
    ("rmsprop-centered-momentum", {"class_name": "RMSprop", "config": {"learning_rate": 0.005, "momentum": 0.5, "centered": True}}),
    ("adam", {"class_name": "Adam", "config": {"learning_rate": 0.02, "beta_1": 0.8}}),
    ("adam-amsgrad", {"class_name": "Adam", "config": {"learning_rate": 0.02, "amsgrad": True}}),
    ("adamw", {"class_name": "AdamW", "config": {"learning_rate": 0.02, "weight_decay": 0.1}}),
    ("adamax", {"class_name": "Adamax", "config": {"learning_rate": 0.05, "beta_2": 0.99}}),
    ("nadam", {"class_name": "Nadam", "config": {"learning_rate": 0.02, "beta_1": 0.85}}),
    ("lion", {"class_name": "Lion", "config": {"learning_rate": 0.01, "beta_1": 0.8}}),
    ("lamb", {"class_name": "Lamb", "config": {"learning_rate": 0.02}}),
    ("adafactor", {"class_name": "Adafactor", "config": {"learning_rate": 0.05, "clip_threshold": 2.0}}),
    ("ftrl", {"class_name": "Ftrl", "config": {"learning_rate": 0.1, "l1_regularization_strength": 0.01,
                                               "l2_regularization_strength": 0.02, "l2_shrinkage_regularization_strength": 0.01,
                                               "beta": 0.1}}),
    ("ftrl-power", {"class_name": "Ftrl", "config": {"learning_rate": 0.1, "learning_rate_power": -0.3}}),
    ("schedule_free_adamw", {"class_name": "ScheduleFreeAdamW", "config": {"learning_rate": 0.02, "warmup_steps": 10}}),
    ("muon", {"class_name": "Muon", "config": {"learning_rate": 0.02, "adam_lr_ratio": 0.5}}),
    ("adam-exponential", {"class_name": "Adam", "config": {"learning_rate": schedule("ExponentialDecay", initial_learning_rate=0.05, decay_steps=10, decay_rate=0.9)}}),
    ("adam-exponential-staircase", {"class_name": "Adam", "config": {"learning_rate": schedule("ExponentialDecay", initial_learning_rate=0.05, decay_steps=7, decay_rate=0.5, staircase=True)}}),
    ("sgd-piecewise", {"class_name": "SGD", "config": {"learning_rate": schedule("PiecewiseConstantDecay", boundaries=[5, 20], values=[0.004, 0.002, 0.0005])}}),
    ("adam-polynomial", {"class_name": "Adam", "config": {"learning_rate": schedule("PolynomialDecay", initial_learning_rate=0.05, decay_steps=25, end_learning_rate=0.001, power=2.0)}}),
    ("adam-polynomial-cycle", {"class_name": "Adam", "config": {"learning_rate": schedule("PolynomialDecay", initial_learning_rate=0.05, decay_steps=12, power=0.5, cycle=True)}}),
    ("adam-inverse-time", {"class_name": "Adam", "config": {"learning_rate": schedule("InverseTimeDecay", initial_learning_rate=0.05, decay_steps=5, decay_rate=0.5)}}),
    ("adamw-cosine-warmup", {"class_name": "AdamW", "config": {"learning_rate": schedule("CosineDecay", initial_learning_rate=0.0, decay_steps=30, warmup_target=0.1, warmup_steps=10, alpha=0.05)}}),
    ("adam-cosine", {"class_name": "Adam", "config": {"learning_rate": schedule("CosineDecay", initial_learning_rate=0.05, decay_steps=30, alpha=0.1)}}),
    ("adam-cosine-restarts", {"class_name": "Adam", "config": {"learning_rate": schedule("CosineDecayRestarts", initial_learning_rate=0.05, first_decay_steps=8, t_mul=1.5, m_mul=0.8, alpha=0.1)}}),
    ("sgd-cosine-restarts-even", {"class_name": "SGD", "config": {"learning_rate": schedule("CosineDecayRestarts", initial_learning_rate=0.004, first_decay_steps=6, t_mul=1.0)}}),
    ("sgd-clipnorm", {"class_name": "SGD", "config": {"learning_rate": 0.01, "clipnorm": 0.5}}),
    ("sgd-clipvalue", {"class_name": "SGD", "config": {"learning_rate": 0.01, "clipvalue": 0.3}}),
    ("adam-global-clipnorm", {"class_name": "Adam", "config": {"learning_rate": 0.02, "global_clipnorm": 0.7}}),
    ("sgd-weight-decay", {"class_name": "SGD", "config": {"learning_rate": 0.002, "momentum": 0.9, "weight_decay": 0.5}}),
    ("adam-ema", {"class_name": "Adam", "config": {"learning_rate": 0.02, "use_ema": True, "ema_momentum": 0.9}}),
    ("adam-ema-overwrite", {"class_name": "Adam", "config": {"learning_rate": 0.02, "use_ema": True, "ema_momentum": 0.8, "ema_overwrite_frequency": 5}}),
]
STEPS = 40

backend = keras.backend.backend()
out = {"keras": keras.__version__, "backend": backend, "steps": STEPS, "surfaces": {}}
for surface, (start, gradient) in SURFACES.items():
    paths = {}
    for name, config in CASES:
        arguments = dict(config["config"])
        if isinstance(arguments["learning_rate"], dict):
            rate = arguments["learning_rate"]
            arguments["learning_rate"] = getattr(keras.optimizers.schedules, rate["class_name"])(**rate["config"])
        optimizer = getattr(keras.optimizers, config["class_name"])(**arguments)
        variable = keras.Variable(np.array(start, dtype="float64"), dtype="float64")
        path = []
        for _ in range(STEPS):
            x, y = np.asarray(variable.value)
            optimizer.apply([keras.ops.convert_to_tensor(gradient(x, y), dtype="float64")], [variable])
            point = [float(v) for v in np.asarray(variable.value)]
            if not all(np.isfinite(point)):
                break  # a diverging path is kept up to its last finite point
            path.append(point)
        paths[name] = {"optimizer": config, "path": path}
    out["surfaces"][surface] = {"start": list(start), "paths": paths}

name = "keras-paths.json" if backend == "jax" else f"keras-paths-{backend}.json"
target = os.path.join(os.path.dirname(__file__), "..", "Tests", "OptimizersTests", "Fixtures", name)
os.makedirs(os.path.dirname(target), exist_ok=True)
if os.path.exists(target):
    with open(target) as f:
        old = json.load(f)
    if "tolerances" in old:
        out["tolerances"] = old["tolerances"]
with open(target, "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
    f.write("\n")
print("wrote", target)
