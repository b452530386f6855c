"""Embeddings of fixed texts (the passages, the review's sentences) kept on disk between starts.

Encoding the few hundred passages takes 5-15 s on two busy cores, and the action server starts
many times a day in tests. A file is keyed by the weights' sha256 and the texts themselves, so a
changed passage or model is simply encoded again; it lives in .cache/ (git-ignored) and may be
deleted at any time. Only the real encoder's output is cached (never a test's stand-in).
"""

import hashlib
import os
from pathlib import Path
from typing import Sequence

import numpy as np

from encoder.sentence_encoder import WEIGHTS_SHA256, meaning

CACHE_DIR = Path(os.environ.get("EMBEDDING_CACHE_DIR", Path(__file__).resolve().parent.parent / ".cache"))


def key(texts: Sequence[str]) -> str:
    digest = hashlib.sha256(WEIGHTS_SHA256.encode())
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def cached_meaning(texts: Sequence[str], directory: Path = CACHE_DIR) -> np.ndarray:
    """meaning(texts), read from the cache when these exact texts were encoded before."""
    path = directory / f"embeddings-{key(texts)}.npy"
    try:
        matrix = np.load(path)
        if matrix.shape == (len(texts), 384):
            return matrix
    except (OSError, ValueError):
        pass
    matrix = meaning(texts)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        temporary = directory / f".{path.stem}.{os.getpid()}.npy"
        np.save(temporary, matrix)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only checkout still works, only slower to start
    return matrix
