# Makefile -- build, generate and test fisc (GNU make >= 4.3)
#
# Generated sources (re2c lexer, Lemon parser) go to $(B)/gen and are never
# committed.  `make test` is the README's test command; it runs the cmocka
# unit binaries and the golden end-to-end tests.
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

CC         ?= cc
AR         ?= ar
RE2C       ?= re2c
LEMON      ?= lemon
# Debian's lemon template; a vendored lemon.c must come with its own lempar.c
LEMPAR     ?= /usr/share/lemon/lempar.c
PKG_CONFIG ?= pkg-config

B   := build
OBJ := $(B)/obj
GEN := $(B)/gen

CSTD       := -std=c11
WARN       := -Wall -Wextra -Wshadow -Wundef -Wwrite-strings \
              -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition -Wvla
CFLAGS     ?= -O2 -g
CPPFLAGS   += -I. -I$(GEN) -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -pthread
DEPFLAGS    = -MMD -MP
COMPILE     = $(CC) $(CSTD) $(WARN) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS)
# -W -Werror: all re2c warnings are errors; -8: UTF-8 code units;
# --input-encoding utf8: non-ASCII literals in lexer.re are UTF-8, not Latin-1.
RE2CFLAGS  := -W -Werror -8 --input-encoding utf8 --no-generation-date --no-version
LEMONFLAGS := -q
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
UTF8PROC_LIBS := $(shell $(PKG_CONFIG) --libs libutf8proc 2>/dev/null || echo -lutf8proc)
LDLIBS     += $(UTF8PROC_LIBS) -lgmp -pthread

LIB_SRC := $(filter-out runtime/cli.c,$(wildcard lang/*.c runtime/*.c stdlib/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(OBJ)/%.o) $(GEN)/lexer.o $(GEN)/grammar.o
LIB     := $(B)/libfisc.a
BIN     := $(B)/fisc

all: $(BIN) fisc
gen: $(GEN)/lexer.c $(GEN)/grammar.c $(GEN)/grammar.h

# ./fisc at the top of the tree, so the README's commands are short.
fisc: $(BIN)
	ln -sf $(BIN) fisc

$(GEN):
	mkdir -p $@

# ---- re2c: one input, one output; --depfile tracks included .re files ----
$(GEN)/lexer.c: lang/lexer.re | $(GEN)
	$(RE2C) $(RE2CFLAGS) --depfile $@.d -o $@ $<

# ---- lemon: one run writes grammar.c and grammar.h --------------------------
# lemon leaves grammar.h untouched when the token list is unchanged, so the
# stamp records "lemon ran" and the headers keep their old mtime (no needless
# recompiles). lemon exits 1 on conflicts; .DELETE_ON_ERROR drops the stamp.
$(GEN)/grammar.stamp: lang/grammar.y $(LEMPAR) | $(GEN)
	$(LEMON) $(LEMONFLAGS) -T$(LEMPAR) -d$(GEN) $<
	@touch $@

$(GEN)/grammar.c $(GEN)/grammar.h: $(GEN)/grammar.stamp
	@test -f $@ || $(LEMON) $(LEMONFLAGS) -T$(LEMPAR) -d$(GEN) lang/grammar.y

# Keep build/gen/grammar.out and list conflicts resolved by precedence.
grammar-report: lang/grammar.y | $(GEN)
	-$(LEMON) -p -T$(LEMPAR) -d$(GEN) $<
	@echo "parser states and conflicts: $(GEN)/grammar.out"

# ---- compile: every object waits for the token header (first build) --------
$(OBJ)/%.o: %.c | $(GEN)/grammar.h
	@mkdir -p $(@D)
	$(COMPILE) -c -o $@ $<

$(GEN)/%.o: $(GEN)/%.c | $(GEN)/grammar.h
	$(COMPILE) -c -o $@ $<

# Lemon's template leaves the unused destructor arguments in place; seen, and
# silenced for this one object only.
$(GEN)/grammar.o: WARN += -Wno-unused-parameter -Wno-unused-variable

$(LIB): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(OBJ)/runtime/cli.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# ---- cmocka: one binary per tests/unit/test_*.c, linked against the library --
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)

$(B)/tests/%: tests/unit/%.c $(LIB) | $(GEN)/grammar.h
	@mkdir -p $(@D)
	$(COMPILE) $(LDFLAGS) -o $@ $< $(LIB) $(CMOCKA_LIBS) $(LDLIBS)

# The shipped suites, each proved by its own tests (`fisc test --coverage`:
# every rule has a test that makes it fire and one that makes it pass).
SUITES := rules/2021 rules/2021/hubei rules/2022

# Each binary runs from the top of the tree (golden cases use relative paths).
test: $(TEST_BIN) $(BIN)
	@fail=0; for t in $(TEST_BIN); do $$t || fail=1; done; \
	tests/cli.sh $(BIN) || fail=1; \
	tests/bad/run.sh $(BIN) || fail=1; \
	for s in $(SUITES); do \
	  $(BIN) test --coverage $$s >$(B)/suite-test.log 2>&1 || { fail=1; cat $(B)/suite-test.log; }; \
	  printf '%s: ' $$s; tail -n 1 $(B)/suite-test.log; done; \
	exit $$fail

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan:
	$(MAKE) B=build/asan CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	  LDFLAGS='-fsanitize=address,undefined' test

# Every unit and golden test binary under valgrind memcheck: no errors and
# no leaks (the golden binary runs whole `fisc check`s in-process).
VALGRIND := valgrind -q --error-exitcode=1 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible
valgrind: $(TEST_BIN) $(BIN)
	@fail=0; for t in $(TEST_BIN); do \
	  $(VALGRIND) $$t >/tmp/fisc-valgrind.$$$$ 2>&1 || { fail=1; cat /tmp/fisc-valgrind.$$$$; }; \
	  tail -n 1 /tmp/fisc-valgrind.$$$$; done; \
	$(VALGRIND) $(BIN) check rules/2021 examples/dongxihu-bigdata-2021 >/dev/null || test $$? = 1 || fail=1; \
	rm -f /tmp/fisc-valgrind.$$$$; exit $$fail

clean:
	rm -rf $(B) fisc

.PHONY: all gen grammar-report test asan valgrind clean
-include $(LIB_OBJ:.o=.d) $(OBJ)/runtime/cli.d $(TEST_BIN:=.d) $(GEN)/lexer.c.d

# Fuzz harnesses (libFuzzer, Debian's clang): see tests/fuzz/fuzz.mk.
-include tests/fuzz/fuzz.mk
