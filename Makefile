# BioBridge — the two commands a newcomer needs on a fresh Debian 12 machine:
#
#   make run    installs what is missing, builds, and starts BioBridge on
#               http://127.0.0.1:8080 with the embedded database (var/) and demo data
#   make test   installs what is missing, builds, and runs every test through CTest
#
# Other targets: make build, make asan (tests under AddressSanitizer + UBSan),
# make fuzz (every fuzz target for FUZZ_SECONDS each, clang + libFuzzer),
# make bench (benchmarks; see docs/BENCHMARKS.md), make clean.

BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
FUZZ_DIR  ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS      ?= $(shell nproc)
PORT      ?= 8080
DB        ?= var/biobridge.db

.PHONY: run test build deps deps-build asan fuzz bench clean help

run: deps-build build
	@mkdir -p $(dir $(DB))
	$(BUILD_DIR)/biobridge serve --db $(DB) --port $(PORT) --demo

test: deps build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

deps:
	scripts/install-deps.sh build test

deps-build:
	scripts/install-deps.sh build

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

asan: deps
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBIOBRIDGE_SANITIZE=ON
	cmake --build $(ASAN_DIR) -j $(JOBS)
	ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS)

fuzz: deps
	scripts/install-deps.sh fuzz
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBIOBRIDGE_FUZZ=ON
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzz_targets
	scripts/fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

bench: build
	scripts/install-deps.sh build bench
	bench/run_all.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)

help:
	@sed -n '1,13p' Makefile
