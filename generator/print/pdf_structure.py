"""The structure tree of every pack, mended where WeasyPrint 70's falls short of PDF/UA-1's machine rules
(issue 18). A post-process of the written PDF, with pikepdf; no WeasyPrint function is patched.

What WeasyPrint 70 writes, and what is done here:
- Lists. An HTML element laid out as a table (the tick-box rows, the checklists) is tagged once per box
  WeasyPrint makes for it, so a list of answer options becomes L > L > L > L > LI, and a checklist item
  becomes LI > LBody > LI > LBody: a list item outside a list (PDF/UA-1 7.2-17, Matterhorn 16-001).
  Here a list that holds nothing but another list is merged with it, and a list item inside another list
  item's body is unwrapped into that body. A list item still outside a list is put in one.
- Tables. Header cells get /Scope (/Column in a table head, /Row in the body), and the structure tree gets
  the /IDTree that WeasyPrint's /Headers references need.
- Links. A link with ::before or ::after content (the contents' leader dots and page numbers) is tagged as
  one Link element per box, nested in each other; here each link is one Link element holding all its
  annotations. Each link annotation's /Contents, which WeasyPrint sets to the link target (an anchor id such
  as "purpose", in English even in an Arabic pack), becomes the link's visible words, in the pack's language.

fix(pdf, link_words) changes an open pikepdf.Pdf in place and returns counts of what it changed.
link_words(document) reads each link's visible words from the laid-out WeasyPrint document.
"""
from __future__ import annotations

import pikepdf

LIST_PARTS = ("/LI", "/L", "/Caption")


def struct_elements(pdf):
    """Every structure element, depth first in reading order, with its parent: (element, parent). (Also read by
    check/pdf_rules.py, which checks what is mended here.)"""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    stack = [(root.get("/K"), None)]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((k, parent) for k in reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node, parent
            if "/K" in node:
                stack.append((node.K, node))


def link_words(document) -> dict[int, str]:
    """{PDF object number of a link annotation: the link's visible words}, after write_pdf()."""
    out: dict[int, str] = {}

    def walk(box):
        box = getattr(box, "_box", box)  # AbsolutePlaceholder -> the box it holds
        annotation = getattr(box, "link_annotation", None)
        element = getattr(box, "element", None)
        if annotation is not None and getattr(annotation, "number", None) is not None and element is not None:
            out[annotation.number] = " ".join("".join(element.itertext()).split())
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return out


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_elem(obj) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj


def _set_kids(element, kids: list) -> None:
    element.K = pikepdf.Array(kids)
    for kid in kids:
        if _is_elem(kid):
            kid.P = element


class _Tree:
    """The structure tree, with a record of elements merged into others (for the ParentTree)."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.root = pdf.Root.StructTreeRoot
        self.moved: dict[tuple[int, int], pikepdf.Object] = {}  # removed element -> the one that took its content
        self.counts = {"lists_merged": 0, "items_unwrapped": 0, "items_wrapped": 0, "links_merged": 0,
                       "headers_scoped": 0, "link_contents": 0}

    def elements(self):
        """Every structure element with its parent, depth first (a snapshot: safe to change the tree after)."""
        out = []
        stack = [(k, self.root) for k in reversed(_kids(self.root))]
        while stack:
            node, parent = stack.pop()
            if _is_elem(node):
                out.append((node, parent))
                stack.extend((k, node) for k in reversed(_kids(node)))
        return out

    def merge_into(self, outer, inner) -> None:
        """Put inner's content in outer, in inner's place, and drop inner."""
        moving = _kids(inner)
        if "/Pg" in inner and inner.Pg.objgen != outer.get("/Pg", inner.Pg).objgen:
            # marked content on another page than outer's: say which page (a marked-content reference)
            moving = [pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=inner.Pg, MCID=k) if isinstance(k, int) else k
                      for k in moving]
        kids = []
        for kid in _kids(outer):
            if _is_elem(kid) and kid.objgen == inner.objgen:
                kids += moving
            else:
                kids.append(kid)
        if "/Lang" in inner and "/Lang" not in outer:
            outer.Lang = inner.Lang
        _set_kids(outer, kids)
        self.moved[inner.objgen] = outer

    def fix_parent_tree(self) -> None:
        """Point the ParentTree's entries for merged elements at the elements that took their content."""
        if not self.moved:
            return

        def final(obj):
            while isinstance(obj, pikepdf.Dictionary) and obj.objgen in self.moved:
                obj = self.moved[obj.objgen]
            return obj

        def walk(node):
            nums = node.get("/Nums")
            if nums is not None:
                for i in range(1, len(nums), 2):
                    value = nums[i]
                    if isinstance(value, pikepdf.Array):
                        for j in range(len(value)):
                            value[j] = final(value[j])
                    else:
                        nums[i] = final(value)
            for kid in node.get("/Kids", []):
                walk(kid)

        parent_tree = self.root.get("/ParentTree")
        if parent_tree is not None:
            walk(parent_tree)


def _fix_lists(tree: _Tree) -> None:
    # a list whose only part is another list: one list
    for element, _ in tree.elements():
        while element.get("/S") == "/L":
            kids = [k for k in _kids(element) if _is_elem(k)]
            if len(kids) == 1 and len(_kids(element)) == 1 and kids[0].get("/S") == "/L":
                tree.merge_into(element, kids[0])
                tree.counts["lists_merged"] += 1
            else:
                break
    # a list item inside another list item's body (a list item laid out as a table): its content in that body
    for element, parent in tree.elements():
        if element.get("/S") != "/LI" or parent.get("/S") == "/L":
            continue
        if not _inside(tree, element, "/LI"):
            continue
        for kid in [k for k in _kids(element) if _is_elem(k) and k.get("/S") in ("/LBody", "/Lbl")]:
            tree.merge_into(element, kid)
        element.S = pikepdf.Name("/NonStruct")  # a grouping with no meaning of its own
        tree.counts["items_unwrapped"] += 1
    # any list item still outside a list: in a list of its own, with the items next to it
    for element, parent in tree.elements():
        if element.get("/S") != "/LI" or parent.get("/S") == "/L":
            continue
        kids = _kids(parent)
        index = next(i for i, k in enumerate(kids) if _is_elem(k) and k.objgen == element.objgen)
        end = index
        while end + 1 < len(kids) and _is_elem(kids[end + 1]) and kids[end + 1].get("/S") == "/LI":
            end += 1
        wrapper = tree.pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.L, P=parent))
        if "/Pg" in element:
            wrapper.Pg = element.Pg
        _set_kids(wrapper, kids[index:end + 1])
        _set_kids(parent, kids[:index] + [wrapper] + kids[end + 1:])
        tree.counts["items_wrapped"] += end + 1 - index


def _inside(tree: _Tree, element, kind: str) -> bool:
    """Whether element has an ancestor of structure type kind."""
    node = element.get("/P")
    while isinstance(node, pikepdf.Dictionary) and "/S" in node:
        if node.get("/S") == kind:
            return True
        node = node.get("/P")
    return False


def _fix_tables(tree: _Tree) -> None:
    ids = {}
    for element, _ in tree.elements():
        if "/ID" in element:
            ids[bytes(element.ID)] = element
        if element.get("/S") != "/TH":
            continue
        attributes = element.get("/A")
        if not isinstance(attributes, pikepdf.Dictionary):
            attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
            element.A = attributes
        if "/Scope" not in attributes:
            attributes.Scope = pikepdf.Name.Column if _inside(tree, element, "/THead") or not (
                _inside(tree, element, "/TBody") or _inside(tree, element, "/TFoot")) else pikepdf.Name.Row
            tree.counts["headers_scoped"] += 1
    if ids and "/IDTree" not in tree.root:
        names = pikepdf.Array()
        for key in sorted(ids):
            names.append(pikepdf.String(key))
            names.append(ids[key])
        tree.root.IDTree = tree.pdf.make_indirect(pikepdf.Dictionary(Names=names))


def _fix_links(tree: _Tree, words: dict[int, str]) -> None:
    for element, _ in tree.elements():
        if element.get("/S") != "/Link" or tree.moved.get(element.objgen) is not None:
            continue
        while True:
            inner = [k for k in _kids(element) if _is_elem(k) and k.get("/S") == "/Link"]
            if not inner:
                break
            for kid in inner:
                tree.merge_into(element, kid)
                tree.counts["links_merged"] += 1
    for element, _ in tree.elements():
        if element.get("/S") != "/Link":
            continue
        for kid in _kids(element):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                annotation = kid.Obj
                text = words.get(annotation.objgen[0])
                if text:
                    annotation.Contents = pikepdf.String(text)
                    tree.counts["link_contents"] += 1


def fix(pdf, words: dict[int, str]) -> dict:
    """Mend the structure tree of an open PDF in place (see the module's docstring). Returns counts."""
    if "/StructTreeRoot" not in pdf.Root:
        return {}
    tree = _Tree(pdf)
    _fix_links(tree, words)
    _fix_lists(tree)
    _fix_tables(tree)
    tree.fix_parent_tree()
    return tree.counts
