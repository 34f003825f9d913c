"""The one place untrusted text becomes HTML, for the website and the printable packs alike.

- sanitise.py: plain text made inert, untrusted Markdown converted with a restricted converter and cleaned
  with nh3's allow-list, and the page-wide allow-list (clean_page);
- markdown.py: the Markdown of the data as safe HTML, each text converted once (MarkdownCache);
- escape.py: values charterkit made (addresses) for attributes, and short texts for Markdown and HTML;
- lang.py: the one helper that marks text in another language than its page or pack (lang and dir), and
  keeps left-to-right labels such as "(b)(v)" in their order on right-to-left pages;
- content.py: the content pages' {{ ... }} parts, filled in a sandbox.

markup/ depends on nothing else in generator/ (web/ and print/ use it; it uses neither).
"""
