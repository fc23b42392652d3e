# tests/fuzz/fuzz.mk -- libFuzzer harnesses (included by the top Makefile).
#
#   make fuzz                      build the harnesses into $(B)/fuzz/
#   make fuzz-smoke                run each for FUZZ_SECONDS (default 60) on a
#                                  copy of its seed corpus, then every saved
#                                  regression input; fails if any harness does
#   make fuzz-run FUZZ_TARGET=fuzz_csv FUZZ_SECONDS=1800
#                                  one long run, corpus kept in $(B)/fuzz/
#
# The harnesses need clang with libFuzzer (Debian: clang-14 ships it) and
# are built with -fsanitize=fuzzer,address,undefined.  The library is
# compiled a second time with clang and the same sanitizers (minus the
# fuzzer's main) into $(B)/fuzz/obj: the normal build stays untouched, and
# nothing here is added to `all`, `test` or `asan`.  Without clang, `make
# fuzz` and `make fuzz-smoke` stop with a message; every other target works.
#
# Nothing is ever written into the repository: runs work on copies of
# tests/fuzz/corpus/<harness>/ under $(B)/fuzz/, and crash/timeout/leak
# inputs land in $(B)/fuzz/artifacts/.  docs/robustness.md (## Fuzzing)
# says how to minimise one and file it under tests/fuzz/regressions/.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_DIR     := $(B)/fuzz
FUZZ_OBJDIR  := $(FUZZ_DIR)/obj
FUZZ_SRCDIR  := tests/fuzz
FUZZ_NAMES   := fuzz_parse fuzz_csv fuzz_narrative fuzz_check fuzz_num
FUZZ_BINS    := $(FUZZ_NAMES:%=$(FUZZ_DIR)/%)
# UB is fatal (no recovery), so the fuzzer sees it as a crash.
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  ?= -g -O1 -fno-omit-frame-pointer
FUZZ_COMPILE  = $(FUZZ_CC) $(CSTD) $(CPPFLAGS) $(FUZZ_CFLAGS) $(DEPFLAGS)
# Options of every libFuzzer run: a 10 s input is a hang, 2 GB is a leak
# run wild.  FUZZ_FLAGS adds more (e.g. -jobs, -only_ascii=1).
FUZZ_RUNFLAGS = -timeout=10 -rss_limit_mb=2048 $(FUZZ_FLAGS)
# The library in the fuzz build: every library source and the generated
# lexer and parser, compiled with clang under $(FUZZ_OBJDIR).
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_OBJDIR)/%.o) \
                $(FUZZ_OBJDIR)/$(GEN)/lexer.o $(FUZZ_OBJDIR)/$(GEN)/grammar.o

# `command -v` also finds a FUZZ_CC given as a path.
FUZZ_HAVE_CC := $(shell command -v $(FUZZ_CC) 2>/dev/null)

ifeq ($(FUZZ_HAVE_CC),)

fuzz fuzz-smoke fuzz-run:
	@echo "fuzz: \`$(FUZZ_CC)\` not found: the fuzz harnesses need clang with" \
	      "libFuzzer (apt-get install clang), or set FUZZ_CC" >&2
	@exit 1

else

fuzz: $(FUZZ_BINS)

# Library objects: the fuzzer's coverage instrumentation without its main.
$(FUZZ_OBJDIR)/%.o: %.c | $(GEN)/grammar.h
	@mkdir -p $(@D)
	$(FUZZ_COMPILE) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c -o $@ $<

# Harnesses: libFuzzer supplies main().
$(FUZZ_BINS): $(FUZZ_DIR)/%: $(FUZZ_SRCDIR)/%.c $(FUZZ_LIB_OBJ) \
              | $(GEN)/grammar.h
	@mkdir -p $(@D)
	$(FUZZ_COMPILE) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< $(FUZZ_LIB_OBJ) \
	  $(LDLIBS)

# Each harness runs from the top of the tree (fuzz_check reads rules/2021)
# on a fresh copy of its seeds, then on each saved regression input.
fuzz-smoke: $(FUZZ_BINS)
	@fail=0; for h in $(FUZZ_NAMES); do \
	  c=$(FUZZ_DIR)/smoke/$$h; rm -rf $$c; \
	  mkdir -p $$c $(FUZZ_DIR)/artifacts; \
	  cp $(FUZZ_SRCDIR)/corpus/$$h/* $$c/ 2>/dev/null; \
	  echo "fuzz-smoke: $$h for $(FUZZ_SECONDS) s"; \
	  dict=; test -f $(FUZZ_SRCDIR)/$$h.dict \
	    && dict=-dict=$(FUZZ_SRCDIR)/$$h.dict; \
	  $(FUZZ_DIR)/$$h $(FUZZ_RUNFLAGS) -max_total_time=$(FUZZ_SECONDS) $$dict \
	    -artifact_prefix=$(FUZZ_DIR)/artifacts/$$h- $$c \
	    >$(FUZZ_DIR)/smoke/$$h.log 2>&1 \
	    || { fail=1; tail -n 60 $(FUZZ_DIR)/smoke/$$h.log; \
	         echo "fuzz-smoke: $$h FAILED (log: $(FUZZ_DIR)/smoke/$$h.log)"; }; \
	  grep -E '^#[0-9]+[[:space:]]+DONE' $(FUZZ_DIR)/smoke/$$h.log | tail -n 1; \
	  for r in $(FUZZ_SRCDIR)/regressions/$$h-*; do \
	    test -f "$$r" || continue; \
	    $(FUZZ_DIR)/$$h $(FUZZ_RUNFLAGS) "$$r" \
	      >$(FUZZ_DIR)/smoke/regress.log 2>&1 \
	      && echo "fuzz-smoke: $$r ok" \
	      || { fail=1; tail -n 40 $(FUZZ_DIR)/smoke/regress.log; \
	           echo "fuzz-smoke: regression $$r FAILED"; }; \
	  done; \
	done; \
	if [ $$fail = 0 ]; then echo "fuzz-smoke: all harnesses passed"; fi; \
	exit $$fail

# One long run of FUZZ_TARGET; its corpus grows in $(FUZZ_DIR)/corpus/.
FUZZ_TARGET ?= fuzz_parse
fuzz-run: $(FUZZ_DIR)/$(FUZZ_TARGET)
	@mkdir -p $(FUZZ_DIR)/corpus/$(FUZZ_TARGET) $(FUZZ_DIR)/artifacts
	$(FUZZ_DIR)/$(FUZZ_TARGET) $(FUZZ_RUNFLAGS) \
	  -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=$(FUZZ_DIR)/artifacts/$(FUZZ_TARGET)- \
	  $(patsubst %,-dict=%,$(wildcard $(FUZZ_SRCDIR)/$(FUZZ_TARGET).dict)) \
	  $(FUZZ_DIR)/corpus/$(FUZZ_TARGET) $(FUZZ_SRCDIR)/corpus/$(FUZZ_TARGET)

-include $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_BINS:=.d)

endif

.PHONY: fuzz fuzz-smoke fuzz-run
