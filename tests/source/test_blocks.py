from hocvuso.source.blocks import fenced_blocks, normalised_body

PAGE = """# Bài

```quiz
id: a
```

!!! note "Thử"

    ```quiz
    id: b
    question: Trong hộp
    ```

````markdown
```quiz
id: chi-la-vi-du
```
````

=== "Thẻ"

    ~~~quiz
    id: c
    ~~~
"""


def test_finds_top_level_indented_and_tilde_fences_but_not_examples_inside_code():
    quizzes = [block for block in fenced_blocks(PAGE) if block.language == "quiz"]
    assert [(block.opener_line, block.indent, block.body) for block in quizzes] == [
        (3, 0, "id: a"),
        (9, 4, "id: b\nquestion: Trong hộp"),
        (22, 4, "id: c"),
    ]
    assert all(block.closed for block in quizzes)


def test_unclosed_fence_is_reported_as_such():
    [block] = fenced_blocks("```quiz\nid: a\n")
    assert not block.closed


def test_curly_brace_language():
    [block] = fenced_blocks("``` {.quiz}\nid: a\n```\n")
    assert block.language == "quiz"


def test_normalised_body_ignores_surrounding_blank_lines_and_trailing_spaces():
    assert normalised_body("\nid: a  \nquestion: x\n\n") == "id: a\nquestion: x"


def test_a_block_knows_its_last_line_even_with_no_body_line():
    """An empty body and one blank line are both "": the span is counted while reading the fence."""
    empty, blank, unclosed = fenced_blocks("```\n```\nA\n\n```\n\n```\nB\n```quiz\nid: a")
    assert (empty.end_line, empty.body_last_line, list(empty.line_indexes)) == (2, 1, [0, 1])
    assert (blank.end_line, blank.body_last_line, blank.body_line_count) == (7, 6, 1)
    assert (unclosed.closed, unclosed.end_line, unclosed.body_last_line) == (False, 10, 10)
