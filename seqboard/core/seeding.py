"""Seeding for reproducible runs."""

import random

import numpy as np
import torch


def seed_everything(seed: int) -> torch.Generator:
    """Seed Python's, numpy's and torch's random generators; return a torch Generator
    seeded the same way, for data shuffling that must not depend on model code."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    generator = torch.Generator()
    generator.manual_seed(seed)
    return generator
