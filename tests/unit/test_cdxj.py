import json
from pathlib import Path

from lurewatch.warc import cdxj


def test_binary_search_finds_every_url_among_neighbours(tmp_path: Path) -> None:
    urls = [f"http://site.example/jobs/{i}" for i in range(300)] + [f"http://site.example/jobs/{i}?page=2" for i in range(50)]
    lines = []
    for n, url in enumerate(urls):
        for stamp in ("20261122100000", "20261123100000"):
            fields = {"url": url, "offset": str(n), "length": "1", "filename": "f.warc.gz", "type": "response"}
            lines.append(f"{cdxj.surt_key(url)} {stamp} {json.dumps(fields)}")
    part = tmp_path / "a.cdxj"
    cdxj.write_sorted(part, lines)
    merged = cdxj.merge(tmp_path)
    for url in urls[::7] + [urls[0], urls[-1]]:
        found = cdxj.lookup(merged, url)
        assert [e.url for e in found] == [url, url]
        assert [e.timestamp for e in found] == ["20261122100000", "20261123100000"]
    assert cdxj.lookup(merged, "http://site.example/nothing") == []
    assert cdxj.lookup(merged, "http://aaa.example/") == []
    assert cdxj.lookup(merged, "http://zzz.example/") == []
