"""Validate evals/foreign3/questions.jsonl against the parsed corpus.

Usage (from the repository root):
    .venv/bin/python evals/foreign3/validate.py            # parses the .bib with load_papers
    .venv/bin/python evals/foreign3/validate.py --abstracts /tmp/foreign3_abstracts.jsonl

The checks themselves are in evals/foreign_check.py; this file holds what they check for here.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIB = "ferigo-zotero.bib"

EXPECTED = {
    ("fact", ("paraphrase", "figure")): 16,
    ("fact", ("misspelled",)): 6,
    ("absent", ("named-absent",)): 12,
    ("unanswerable", ("near-domain",)): 10,
    ("topic", ("which-papers",)): 6,
}

# Key names of the near-domain questions: each must occur in the question
# and in no title or abstract of the corpus (case-insensitive).
UNANSWERABLE_NAMES = [
    ["DreamerV3", "Minecraft"], ["AlphaGo Zero", "Lee Sedol"], ["Boston Dynamics"],
    ["RT-2", "vision-language-action"], ["Decision Transformer", "D4RL"],
    ["TD3", "clipped double", "HalfCheetah"], ["MPPI", "model predictive path integral"],
    ["CARLA"], ["Dactyl", "Rubik"], ["ORB-SLAM", "EuRoC"],
]

# Misspelled names: (typo as written in the question, correct spelling in the abstract).
MISSPELLINGS = [
    ("MuJuCo", "MuJoCo"), ("Pinochio", "Pinocchio"), ("Stable-Baselnes3", "Stable-Baselines3"),
    ("Issac Gym", "Isaac Gym"), ("DeepMimc", "DeepMimic"), ("BayesSym", "BayesSim"),
]

DIGITS = list("0123456789")

# For each named-absent question: words that would carry the asked-for detail;
# none may occur in that paper's abstract (case-insensitive).
ABSENT_TERMS = {
    "Proximal Policy Optimization Algorithms": ["a2c", "acer", "%", "score"],
    "Soft Actor-Critic: Off-Policy Maximum Entropy Deep Reinforcement Learning with a Stochastic Actor": ["humanoid", "mujoco", "return"] + DIGITS,
    "OpenAI Gym": ["atari", "mujoco", "environment"] + DIGITS,
    "Brax – A Differentiable Physics Engine for Large Scale Rigid Body Simulation": ["per second", "tpu", "million", "steps"] + DIGITS,
    "Compiling machine learning programs via high-level tracing": ["tensorflow", "pytorch", "faster", "speed-up", "speedup", "×"] + DIGITS,
    "Reinforcement Learning for Robust Parameterized Locomotion Control of Bipedal Robots": ["m/s", "km/h", "speed"] + DIGITS,
    "Learning quadrupedal locomotion over challenging terrain": ["hour", " day", "minute", "year"] + DIGITS,
    "The iCub humanoid robot: An open-systems platform for research in cognitive development": ["53", "dof", "d.o.f"],
    "Trust Region Policy Optimization": ["kl", "divergence", "δ"] + DIGITS,
    "Adam: A Method for Stochastic Optimization": ["0.9", "β", "beta", "epsilon", "ε"] + DIGITS,
    "Design and use paradigms for gazebo, an open-source multi-robot simulator": ["physics", " ode ", "bullet", "simbody"],
    "Tools for simulating humanoid robot dynamics: A survey based on user feedback": ["respond", "participant"] + DIGITS,
}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    from foreign_check import main

    sys.exit(main(HERE, BIB, "m", EXPECTED, UNANSWERABLE_NAMES, MISSPELLINGS, ABSENT_TERMS))
