"""Reading sources into article records: formats, front matter, HTML, segmentation, dates."""
