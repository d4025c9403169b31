"""How much article text reaches a vector (eval/coverage.py), with the real model tokenizer."""

from eval import coverage

MINILM = "sentence-transformers/all-MiniLM-L6-v2"


def test_union_length_counts_overlaps_once():
    assert coverage.union_length([(0, 10), (5, 15), (20, 25)]) == 20
    assert coverage.union_length([(3, 3), (8, 2)]) == 0
    assert coverage.union_length([]) == 0


def test_the_model_reads_a_short_text_whole_and_a_long_one_only_in_part():
    tok = coverage.model_tokenizer(MINILM)
    short = "India and Japan hold their 2+2 dialogue in Tokyo."
    long = " ".join(f"word{i}" for i in range(2000))
    got = coverage.read_chars([short, long], tok)
    assert got[0] == len(short)
    assert 0 < got[1] < len(long) // 4  # 256 word pieces of a text of several thousand


def test_node_spans_map_what_was_read_back_to_the_article():
    tok = coverage.model_tokenizer(MINILM)
    article = " ".join(f"w{i}" for i in range(3000))
    head, tail = article[:60], article[5000:5060]
    nodes = [("a", 0, head, f"title: T\n\n{head}"), ("a", 5000, tail, tail), ("a", 100, article[100:], article[100:])]
    spans = coverage.node_spans(nodes, tok)["a"]
    assert spans[0] == (0, 60) and spans[1] == (5000, 5060)
    assert spans[2][0] == 100 and 100 < spans[2][1] < len(article) // 2
    share = coverage.coverage({"a": spans}, {"a": len(article), "b": 40})
    assert 0 < share < 0.5
