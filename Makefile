# The two commands: `make demo` (set up, crawl the bundled demo site, search, export evidence)
# and `make test` (set up, start what tests need, run the whole suite).
.PHONY: setup demo test elasticsearch elasticsearch-stop bench clean

setup:
	scripts/setup.sh

demo: setup
	scripts/demo.sh

test:
	scripts/test.sh

elasticsearch: setup
	scripts/elasticsearch.sh start

elasticsearch-stop:
	scripts/elasticsearch.sh stop

bench: setup
	.venv/bin/python bench/crawl_bench.py

clean:
	rm -rf lurewatch-data .pytest_cache
