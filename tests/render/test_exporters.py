"""The exporters skip nbconvert's BeautifulSoup pass and make its two edits themselves: the
pages they write are the same documents (compared as parsed trees) as nbconvert's own."""
from __future__ import annotations

import base64

import nbformat
import pytest
from bs4 import BeautifulSoup

from alliance.render import audiences as A

PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")).decode()


def a_notebook():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title\n\nText with &nbsp; an entity and ![](x.png) an image."),
        nbformat.v4.new_code_cell("x = 1", outputs=[
            nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "img"}),
            nbformat.v4.new_output("display_data", data={
                "text/html": '<figure><img src="data:image/png;base64,' + PNG + '" alt="a dot"></figure>',
                "text/plain": "fig"}),
            nbformat.v4.new_output("stream", name="stdout", text="printed\n")]),
    ])
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    for k, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{k}"  # the same ids in both exports
    return nb


def tree(html: str):
    """The parsed document (adjacent strings merged, as a re-parse of written HTML would)."""
    soup = BeautifulSoup(html, "html.parser")
    soup.smooth()
    return soup


def test_page_edits_make_inputs_and_outputs_focusable_and_give_every_image_alt_text():
    html = ('<div class="jp-Cell-inputWrapper">a</div><div class="jp-RenderedText jp-OutputArea-output" '
            'data-mime-type="text/plain">b</div><div class="jp-OutputArea">c</div>'
            '<div class="jp-Cell-inputWrapper" tabindex="0">d</div><img src="x"><img alt="kept" src="y">')
    out = A.page_edits(html)
    assert out.count('tabindex="0"') == 3
    assert '<div class="jp-OutputArea">' in out
    assert out.count("No description has been provided for this image") == 1 and 'alt="kept"' in out


@pytest.mark.parametrize("audience", [a for a in A.AUDIENCES.values()], ids=lambda a: a.name)
def test_each_exporter_writes_the_document_nbconvert_would(audience):
    exporter = A.html_exporter(audience)
    resources = {"metadata": {"name": "t"}, "print_css": ""}
    ours = exporter.from_notebook_node(a_notebook(), resources=dict(resources))[0]
    nbconverts = type(exporter).__mro__[1].from_notebook_node(exporter, a_notebook(),
                                                              resources=dict(resources))[0]
    assert "BeautifulSoup" not in type(exporter).from_notebook_node.__code__.co_names
    assert tree(ours) == tree(nbconverts)
    if audience.output != "pdf":  # the print template (nbconvert's classic) has no jp- cells
        assert 'tabindex="0"' in ours
