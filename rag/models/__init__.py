"""Models: names resolved to local copies (``registry``), the adapters that run them
(``runtime`` for onnxruntime, ``torch_st`` for sentence-transformers) and the checked ONNX
copies of a sentence-transformers model (``onnx_copy``). Importing this package loads
neither torch nor onnxruntime."""

from rag.models.base import Embedder, ModelSpec, Reranker, Role, copy_spec
from rag.models.onnx_copy import QUERY_MODEL_DIR, export_query_model, write_onnx_copy
from rag.models.registry import KNOWN, load_embedder, load_query_embedder, load_reranker, resolve
from rag.models.runtime import OnnxCrossEncoder, OnnxEmbedder, load_tokenizer
from rag.models.torch_st import SentenceTransformerEmbedder
from rag.records import Precision

__all__ = [
    "KNOWN",
    "QUERY_MODEL_DIR",
    "Embedder",
    "ModelSpec",
    "OnnxCrossEncoder",
    "OnnxEmbedder",
    "Precision",
    "Reranker",
    "Role",
    "SentenceTransformerEmbedder",
    "copy_spec",
    "export_query_model",
    "load_embedder",
    "load_query_embedder",
    "load_reranker",
    "load_tokenizer",
    "resolve",
    "write_onnx_copy",
]
