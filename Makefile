# The two commands of the README: `make run` and `make test`. Both install what is missing first.
BUILD      ?= build
BUILD_ASAN ?= build-asan
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60
CONFIG     ?=
CTEST_ARGS ?= --output-on-failure -j2
NINJA_JOBS ?=

.PHONY: all setup build run test test-sanitize fuzz bench clean

all: build

setup:
	@scripts/setup

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: setup $(BUILD)/build.ninja
	ninja -C $(BUILD) $(NINJA_JOBS)

# Migrates the local SQLite database, seeds demo citizens and staff, and says what it did.
run: build
	@scripts/run-demo $(BUILD) $(CONFIG)

test: build
	cd $(BUILD) && ctest $(CTEST_ARGS)

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: setup
	cmake -S . -B $(BUILD_ASAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSPORTELLO_SANITIZE=ON -DSPORTELLO_BUILD_BENCH=OFF
	ninja -C $(BUILD_ASAN) $(NINJA_JOBS)
	cd $(BUILD_ASAN) && SPORTELLO_BROWSER_JS_ONLY=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizer/lsan.supp ctest $(CTEST_ARGS)

# libFuzzer targets of every parser of outside input (fuzz/README.md), built with clang in $(BUILD_FUZZ), each
# run FUZZ_SECONDS over its corpus; fails on any crash, leak, time-out or sanitizer report.
fuzz: setup
	cmake -S fuzz -B $(BUILD_FUZZ) -G Ninja -DCMAKE_CXX_COMPILER=clang++
	ninja -C $(BUILD_FUZZ) $(NINJA_JOBS)
	fuzz/run $(BUILD_FUZZ) $(FUZZ_SECONDS)

bench: build
	@echo "see bench/README.md"; $(BUILD)/bench/codice_fiscale_bench; $(BUILD)/bench/argon2_bench

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ)
