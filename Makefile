# acct: account management in plain text, versioned by git.
#
#   make            build ./acct
#   make test       the end-to-end tests, and the unit tests and the
#                   replay of the fuzz corpora under ASan+UBSan
#   make check-plain  every test, unit and end-to-end, without sanitizers
#   make check-asan every test under ASan+UBSan (unit and end-to-end)
#   make check-prereqs  the end-to-end tests with each optional tool missing
#   make stress     what make test has no time for (about 7 minutes here):
#                   STRESS_RUNS (50) imports of 2,000 answers killed by
#                   SIGINT, SIGTERM or SIGKILL at random moments, each left
#                   as before or whole (tests/stress/kill-import.py); four
#                   writers and a killer for STRESS_SECONDS (60), every
#                   record once (tests/stress/writers.py); every system call
#                   of log, client set, client rename and nps import failed,
#                   interrupted and killed in turn (tests/t/t1130 with
#                   SWEEP_COMMANDS, SWEEP_KINDS). One summary line each.
#   make stress-sync  a team sharing one book through a git server (about
#                   20 minutes here): for each of STRESS_SYNC_SEEDS (ten),
#                   STRESS_SYNC_CLONES (5: four managers and cron) clones
#                   carry out STRESS_SYNC_OPS (1000) random operations,
#                   syncing now and then, in parallel bursts and beside
#                   writing commands, resolving real conflicts as the hints
#                   say; then one tree everywhere, fsck clean, every record
#                   once (tests/stress/sync.py; t8100 is it, small). One
#                   summary line a seed.
#   make stress-cache  the cache of facts against the files: a book changed
#                   STRESS_CACHE_OPS (300) times at random through acct,
#                   git and by hand, every reading command's --json
#                   compared with and without the cache after each, for
#                   each of STRESS_CACHE_SEEDS (three; tests/stress/
#                   cache.py; t9300 runs it with eight changes). One
#                   summary line a seed.
#   make demo       a demo book in demo/ and acct's main job on it
#   make bench      acct's speed on a large agency's book (issue 19): the
#                   100k book (1,000 clients, 100,000 entries, 8,000 NPS
#                   answers, one commit a record) and a 1k-entry one, made
#                   by tools/bench/genbook.py through git fast-import and
#                   kept in build/bench/ until the generator changes; then
#                   each measure beside its reference (git, or the floors
#                   of tools/bench/floor.c), medians, ratios, targets and
#                   peak RSS (tools/bench/run.py). BENCH_RUNS (10) runs a
#                   row; BENCH_ONLY=agenda,log some rows. Not part of make
#                   test: timings are never asserted.
#   make bench-quick  the same on a tenth of the book (100 clients, 10,000
#                   entries), for development
#   make fuzz       the libFuzzer targets of tests/fuzz/, FUZZ_SECONDS each
#   make pot        po/acct.pot from the code (xgettext), merged into
#                   every po/*.po (msgmerge): then translate what is new
#   make check-po   every message of the code translated in po/ru.po, none
#                   fuzzy, formats checked (tests/check-po.sh; in make test)
#   make install    the binary, the manual (acct(1), acct-<command>(1),
#                   acct-book(5), acct-templates(7)), the bash completion
#                   and the message catalogs; PREFIX, DESTDIR, BINDIR,
#                   MANDIR (MAN1DIR, MAN5DIR, MAN7DIR), BASHCOMPDIR and
#                   LOCALEDIR honoured
#   make uninstall  removes exactly what make install put there
#   make deb        a Debian package (debian/) with dpkg-buildpackage, in
#                   build/deb/, and lintian's verdict on it (installs
#                   dpkg-dev, debhelper and lintian first if missing)
#   make deb-test   that package installed into a scratch root with dpkg
#                   --root and run, then removed (makes it if missing)
#
# A fresh Debian 12 has no pkg-config and no -dev library: build/config.mk
# is made by tools/deps.sh, which installs them first (GNU make remakes an
# included makefile before anything else, then restarts).

.DEFAULT_GOAL := all
VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
MAN1DIR ?= $(MANDIR)/man1
MAN5DIR ?= $(MANDIR)/man5
MAN7DIR ?= $(MANDIR)/man7
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
# Where the message catalogs are installed, compiled into acct (the
# uninstalled binary is told the build's with ACCT_LOCALEDIR).
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR ?=

CC = gcc
O ?= build
OPT ?= -O2
SAN ?=

WARN = -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wpointer-arith -Wvla -Wcast-qual \
       -Wundef -Wwrite-strings -Wno-missing-field-initializers
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
	     -DACCT_VERSION='"$(VERSION)"' -Iinclude $(WARN) $(OPT) -g $(SAN) \
	     $(DEP_CFLAGS) $(CPPFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)

NODEPS_GOALS = clean distclean
ifeq ($(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
else
include build/config.mk
endif

build/config.mk: tools/deps.sh
	@sh tools/deps.sh $@

LIB_SRC = $(sort $(wildcard lib/*.c))
CMD_SRC = $(sort $(wildcard cmd/*.c))
TPL_SRC = $(sort $(wildcard templates/*.md templates/*.yaml))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
HEADERS = $(wildcard include/acct/*.h) $(wildcard lib/*.h) $(wildcard cmd/*.h)

LIB_OBJ = $(LIB_SRC:%.c=$(O)/%.o) $(O)/gen/builtin.o
CMD_OBJ = $(CMD_SRC:%.c=$(O)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
FUZZ_SRC = $(filter-out tests/fuzz/main.c,$(sort $(wildcard tests/fuzz/*.c)))
FUZZ_NAMES = $(FUZZ_SRC:tests/fuzz/%.c=%)
REPLAY_BIN = $(FUZZ_NAMES:%=$(O)/tests/fuzz-%)
# Under the sanitizers the unit tests include the replay of every fuzz
# corpus (tests/fuzz/main.c feeding each file to its target).
CHECK_BIN = $(UNIT_BIN) $(if $(SAN),$(REPLAY_BIN))

all: acct man locale

# The manual (STYLE.md): cmd/<command>.md for acct-<command>(1),
# cmd/acct.md for acct(1), and the two pages about files, rendered by
# tools/manpage.c with cmark, which asks the binary for each synopsis and
# option table. The date: SOURCE_DATE_EPOCH's (a package build), else
# the last commit's, else today.
MAN_DATE := $(shell if test -n "$$SOURCE_DATE_EPOCH"; then \
	date -u -d "@$$SOURCE_DATE_EPOCH" +%F; \
	else git log -1 --format=%cs 2>/dev/null | grep . || date -u +%F; fi)
MAN5_NAMES = acct-book
MAN7_NAMES = acct-templates
MAN_CMD_SRC = $(filter-out cmd/acct.md $(MAN5_NAMES:%=cmd/%.md) \
	$(MAN7_NAMES:%=cmd/%.md),$(sort $(wildcard cmd/*.md)))
MAN1 = man1/acct.1 $(MAN_CMD_SRC:cmd/%.md=man1/acct-%.1)
MAN5 = $(MAN5_NAMES:%=man5/%.5)
MAN7 = $(MAN7_NAMES:%=man7/%.7)
MAN_PAGES = $(MAN1) $(MAN5) $(MAN7)

man: $(MAN_PAGES:%=$(O)/man/%)

$(O)/tools/manpage: tools/manpage.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARN) \
		-O1 -o $@ $< -lcmark

# The binary is asked in English whatever the builder's language (the
# pages are English), and under ASan without its leak report at exit,
# the libraries' own included, which is no business of the pages.
MANPAGE = @mkdir -p $(@D) && echo "  MAN     $@" && \
	LC_ALL=C.UTF-8 LANGUAGE= ASAN_OPTIONS=detect_leaks=0 \
	$(O)/tools/manpage $(O)/acct $< $@

$(O)/man/man1/acct.1: cmd/acct.md $(O)/tools/manpage $(O)/acct
	$(MANPAGE) acct 1 $(MAN_DATE) $(VERSION)

$(O)/man/man1/acct-%.1: cmd/%.md $(O)/tools/manpage $(O)/acct
	$(MANPAGE) acct-$* 1 $(MAN_DATE) $(VERSION)

$(O)/man/man5/%.5: cmd/%.md $(O)/tools/manpage $(O)/acct
	$(MANPAGE) $* 5 $(MAN_DATE) $(VERSION)

$(O)/man/man7/%.7: cmd/%.md $(O)/tools/manpage $(O)/acct
	$(MANPAGE) $* 7 $(MAN_DATE) $(VERSION)

acct: $(O)/acct
	@if [ "$(O)" = build ]; then cp $(O)/acct acct.tmp && mv acct.tmp acct; fi

# libical, GMime (with GLib, GIO and ICU behind them) and libxml2 (ICU,
# liblzma) are loaded by lib/dl.c when the calendar or a mail is made or
# read, not linked: linked, they were 24 of 47 shared libraries loaded by
# every command. Only test_mail, which reads the messages back through
# GMime, links them.
LATE_LIBS = -lical -licalss -licalvcal -lgmime-3.0 -lgio-2.0 \
	-lgobject-2.0 -lglib-2.0 -lxml2
CORE_LIBS = $(filter-out $(LATE_LIBS),$(DEP_LIBS))
TEST_LIBS = $(CORE_LIBS)
$(O)/tests/test_mail: TEST_LIBS = $(DEP_LIBS) -Wl,--exclude-libs,libacct.a

# The dynamic linker looks each of a library's symbols up in the program's
# libraries in order: libcrypto (4,191 lookups, most of them its own
# symbols; libssh2 loads it behind libgit2 anyway) and libc (everyone's
# malloc and memcpy) named first find them at once. That is a fifth of what
# loading costs, the most of `acct client show` (issue 19). No two of these
# libraries define one symbol, so the order changes no binding. cmd/tls.c's
# functions are exported by name: no library on the command line asks for
# mbedtls_havege_init.
FIRST_LIBS = -Wl,--push-state,--no-as-needed -lcrypto -lc -Wl,--pop-state
TLS_EXPORTS = $(foreach f,mbedtls_x509_crt_parse_file \
	mbedtls_x509_crt_parse_path mbedtls_havege_init mbedtls_havege_poll \
	libssh2_init,\
	-Wl,--export-dynamic-symbol=$(f))

$(O)/acct: $(CMD_OBJ) $(O)/libacct.a
	$(CC) $(ALL_LDFLAGS) $(TLS_EXPORTS) -o $@ $(CMD_OBJ) $(O)/libacct.a \
		$(FIRST_LIBS) $(CORE_LIBS)

$(O)/libacct.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(O)/%.o: %.c $(HEADERS) build/config.mk
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -Icmd -c -o $@ $<

$(O)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O1 -o $@ $<

$(O)/gen/builtin.c: $(O)/tools/embed $(TPL_SRC)
	@mkdir -p $(@D)
	$(O)/tools/embed $@ $(foreach f,$(TPL_SRC),$(f:templates/%=%)=$(f))

$(O)/gen/builtin.o: $(O)/gen/builtin.c include/acct/builtin.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The message catalogs: po/<lang>.po compiled, with its formats checked
# against the English ones, to $(O)/locale/<lang>/LC_MESSAGES/acct.mo,
# the layout bindtextdomain() reads (and make install copies).
PO_LANGS = $(sort $(patsubst po/%.po,%,$(wildcard po/*.po)))
MO_FILES = $(PO_LANGS:%=$(O)/locale/%/LC_MESSAGES/acct.mo)

locale: $(MO_FILES)

$(O)/locale/%/LC_MESSAGES/acct.mo: po/%.po build/config.mk
	@mkdir -p $(@D)
	@echo "  MSGFMT  $<"
	@msgfmt --check -o $@.tmp $< && mv $@.tmp $@

# LOCALEDIR is compiled into cmd/acct.c: it is rebuilt when it changes.
$(O)/localedir: FORCE
	@mkdir -p $(@D)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' >$@

$(O)/cmd/acct.o: $(O)/localedir
FORCE:
$(O)/cmd/acct.o: ALL_CFLAGS += -DLOCALEDIR='"$(LOCALEDIR)"'

# Every message marked in the code, for translators (po/acct.pot), and
# the check that po/ru.po translates them all (tests/check-po.sh).
pot:
	@sh tests/check-po.sh --update

check-po:
	@sh tests/check-po.sh --self-test
	@sh tests/check-po.sh

$(O)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(O)/libacct.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -Itests/unit -o $@ $< \
		$(O)/libacct.a $(TEST_LIBS) $(ALL_LDFLAGS)

$(O)/tests/fuzz-%: tests/fuzz/%.c tests/fuzz/main.c tests/fuzz/fuzz.h \
		$(O)/libacct.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -DFUZZ_NAME='"$*"' \
		-DFUZZ_CORPUS='"tests/fuzz/corpus/$*"' -o $@ tests/fuzz/$*.c \
		tests/fuzz/main.c $(O)/libacct.a $(CORE_LIBS) $(ALL_LDFLAGS)

# The fault injector of the end-to-end tests (tests/fault/fault.c): a
# library preloaded into acct, so built without the sanitizers.
$(O)/tests/libfault.so: tests/fault/fault.c
	@mkdir -p $(@D)
	$(CC) -O1 -g -Wall -Wextra -Werror -shared -fPIC -o $@ $< -ldl

# The tests: unit binaries and tests/t scripts, one summary line at the end.
test-unit: $(CHECK_BIN)
test-bins: $(O)/acct locale $(CHECK_BIN) $(O)/tests/libfault.so man

# Builds run two jobs at once (the machines have two cores); the tests
# themselves are run two scripts at a time by tests/run.sh.
# The sanitizer runtimes linked statically: each acct process starts about
# a fifth faster, and the end-to-end tests start thousands. -O0: gcc builds
# the sanitized library in half the time of -O1 (74 s of CPU against 150)
# and the unit tests run in the same time (40 s), which is most of what
# the sanitizer run costs `make test`.
ASAN_MAKE = $(MAKE) --no-print-directory O=build/asan OPT=-O0 \
	SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	LDFLAGS="-static-libasan -static-libubsan"

check-plain:
	@$(MAKE) --no-print-directory -j2 test-bins
	@sh tests/run.sh $(O) "$(CHECK_BIN)"

check-asan:
	@$(ASAN_MAKE) check-plain

# The sanitizer run of the unit tests alone (with the fuzz corpora, a few
# seconds): `make test` keeps to five minutes by leaving the end-to-end
# scripts under ASan to `make check-asan` (each sanitized acct process
# costs about 80 ms to start and stop).
check-asan-unit:
	@$(ASAN_MAKE) -j2 test-unit
	@$(ASAN_MAKE) check-unit-only

check-unit-only:
	@TEST_E2E=0 sh tests/run.sh $(O) "$(CHECK_BIN)"

# The corpora alone, replayed under ASan+UBSan as `make test` does.
check-fuzz-replay:
	@$(ASAN_MAKE) -j2 replay-bins
	@$(ASAN_MAKE) replay-only

replay-bins: $(REPLAY_BIN)
replay-only:
	@TEST_E2E=0 sh tests/run.sh $(O) "$(REPLAY_BIN)"

# libFuzzer (tests/fuzz/): each target built by clang with ASan, UBSan and
# coverage, then run FUZZ_SECONDS, two at a time, by tools/fuzz.sh, which
# prints each target's executions and coverage and keeps what it finds in
# build/fuzz/crashes/. tools/fuzz-deps.sh installs clang first if missing.
FUZZ_SECONDS ?= 60
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer
FUZZ_MAKE = $(MAKE) --no-print-directory O=build/fuzz CC=clang OPT=-O1 \
	SAN="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" \
	CFLAGS="-Wno-format-nonliteral"

$(O)/bin/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(O)/libacct.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -o $@ tests/fuzz/$*.c \
		$(O)/libacct.a $(CORE_LIBS) $(ALL_LDFLAGS) -fsanitize=fuzzer

fuzz-bins: $(FUZZ_NAMES:%=$(O)/bin/%)

fuzz:
	@sh tools/fuzz-deps.sh
	@$(FUZZ_MAKE) -j2 fuzz-bins
	@sh tools/fuzz.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_NAMES)

# make test: the end-to-end scripts against the plain acct, and the unit
# tests and fuzz corpora once, under ASan+UBSan (a sanitized unit test
# fails wherever a plain one would, and on memory errors too), all at
# once through tests/run.sh. Building and running the unit tests plain
# as well cost it about 45 s of CPU for nothing; `make check-plain` and
# `make check-asan` still run everything in one build.
ASAN_CHECK_BIN = $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%) \
	$(FUZZ_NAMES:%=build/asan/tests/fuzz-%)

test: check-headers check-includes check-po
	@sh tools/test-deps.sh
	@$(MAKE) --no-print-directory -j2 e2e-bins
	@$(ASAN_MAKE) -j2 test-unit
	@sh tests/run.sh $(O) "$(ASAN_CHECK_BIN)"

# (t0000 runs the plain test_tpl_spec to see that a missing spec fails.)
e2e-bins: $(O)/acct locale $(O)/tests/libfault.so man $(O)/tests/test_tpl_spec

# Every end-to-end script again with each optional prerequisite reported
# missing: no test may depend on a test that skips (tests/check-prereqs.sh).
check-prereqs:
	@$(MAKE) --no-print-directory -j2 $(O)/acct
	@sh tests/check-prereqs.sh $(O)

# lib/'s include graph: no cycle among its modules, nothing of cmd/
# (tests/check-includes.py; its self-test shows that it can fail).
check-includes:
	@python3 tests/check-includes.py --self-test >/dev/null
	@python3 tests/check-includes.py

check-headers: build/config.mk
	@mkdir -p $(O)/hdr
	@for h in include/acct/*.h; do \
		printf '#include "%s"\n' "$${h#include/}" >$(O)/hdr/h.c; \
		$(CC) $(ALL_CFLAGS) -fsyntax-only $(O)/hdr/h.c || exit 1; \
	done

STRESS_RUNS ?= 50
STRESS_SECONDS ?= 60
SWEEP_COMMANDS ?= log set rename import
SWEEP_KINDS ?= ENOSPC INT KILL

stress:
	@$(MAKE) --no-print-directory -j2 $(O)/acct $(O)/tests/libfault.so
	@ACCT_BUILD=$(CURDIR)/$(O) STRESS_RUNS=$(STRESS_RUNS) \
		python3 tests/stress/kill-import.py
	@ACCT_BUILD=$(CURDIR)/$(O) STRESS_SECONDS=$(STRESS_SECONDS) \
		python3 tests/stress/writers.py
	@mkdir -p $(O)/stress
	@cd tests/t && ACCT_BUILD=$(CURDIR)/$(O) \
		SWEEP_COMMANDS="$(SWEEP_COMMANDS)" SWEEP_KINDS="$(SWEEP_KINDS)" \
		sh ./t1130-fault-sweep.sh -v >$(CURDIR)/$(O)/stress/sweep.out 2>&1; \
	rc=$$?; awk '/ at each of [0-9]+ calls: /{ runs += $$5; sweeps++ } \
		/^not ok/{ bad = bad "\n" $$0 } \
		END { printf "stress sweep: $(SWEEP_COMMANDS) x $(SWEEP_KINDS): " \
		"%d sweeps, %d runs, each call failed or killed in turn: %s\n", \
		sweeps, runs, bad ? "FAILED" bad : "all clean" }' \
		$(CURDIR)/$(O)/stress/sweep.out; \
	test $$rc = 0 || { echo "see $(O)/stress/sweep.out"; exit 1; }

STRESS_SYNC_SEEDS ?= 1 2 3 4 5 6 7 8 9 10
STRESS_SYNC_OPS ?= 1000
STRESS_SYNC_CLONES ?= 5

stress-sync:
	@$(MAKE) --no-print-directory -j2 $(O)/acct
	@ACCT_BUILD=$(abspath $(O)) python3 -B tests/stress/sync.py \
		--seeds "$(STRESS_SYNC_SEEDS)" --ops $(STRESS_SYNC_OPS) \
		--clones $(STRESS_SYNC_CLONES)

STRESS_CACHE_SEEDS ?= 1 2 3
STRESS_CACHE_OPS ?= 300

stress-cache:
	@$(MAKE) --no-print-directory -j2 $(O)/acct
	@for seed in $(STRESS_CACHE_SEEDS); do \
		ACCT_BUILD=$(abspath $(O)) STRESS_CACHE_SEED=$$seed \
		STRESS_CACHE_OPS=$(STRESS_CACHE_OPS) \
		python3 -B tests/stress/cache.py || exit 1; \
	done

demo: acct
	@sh tools/demo.sh

# The bench books: made once, again only when the generator changes
# (their .made stamps); each is checked by acct's reading commands, git
# fsck and git status as it is made.
BENCH = $(O)/bench
BENCH_RUNS ?= 10
BENCH_ONLY ?=
BENCH_GEN = tools/bench/genbook.py templates/config.yaml
BENCH_ARGS_100k = --clients 1000 --entries 100000 --nps 8000 --pull 1000
BENCH_ARGS_10k = --clients 100 --entries 10000 --nps 800 --pull 100
BENCH_ARGS_1k = --clients 10 --entries 1000 --nps 80

$(BENCH)/%.made: $(BENCH_GEN) | $(O)/acct
	@rm -f $@
	@mkdir -p $(@D)
	python3 -B tools/bench/genbook.py $(BENCH_ARGS_$*) --check $(O)/acct $(BENCH)/$*
	@touch $@

$(O)/tools/bench/floor: tools/bench/floor.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARN) -O2 -o $@ $<

bench-bins: $(O)/acct $(O)/tools/bench/floor

bench:
	@$(MAKE) --no-print-directory -j2 bench-bins
	@$(MAKE) --no-print-directory $(BENCH)/100k.made $(BENCH)/1k.made
	@sh tools/bench/deps.sh
	@python3 -B tools/bench/run.py --acct $(O)/acct \
		--floor $(O)/tools/bench/floor --book $(BENCH)/100k \
		--small $(BENCH)/1k --runs $(BENCH_RUNS) \
		$(if $(BENCH_ONLY),--only $(BENCH_ONLY))

bench-quick:
	@$(MAKE) --no-print-directory -j2 bench-bins
	@$(MAKE) --no-print-directory $(BENCH)/10k.made $(BENCH)/1k.made
	@sh tools/bench/deps.sh
	@python3 -B tools/bench/run.py --acct $(O)/acct \
		--floor $(O)/tools/bench/floor --book $(BENCH)/10k \
		--small $(BENCH)/1k --runs $(BENCH_RUNS) \
		$(if $(BENCH_ONLY),--only $(BENCH_ONLY))

# make install: the binary, the manual and the completions, each under
# its own directory variable (all under PREFIX unless set), below
# DESTDIR; make uninstall removes exactly those files, and leaves the
# directories, which may hold others' files. A new kind of file (the
# message catalogs under LOCALEDIR, another shell's completion) gets an
# install-<kind> and uninstall-<kind> pair of its own, listed in both.
install: install-bin install-man install-completions install-locale
uninstall: uninstall-bin uninstall-man uninstall-completions uninstall-locale

install-bin: $(O)/acct
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(O)/acct $(DESTDIR)$(BINDIR)/acct

uninstall-bin:
	rm -f $(DESTDIR)$(BINDIR)/acct

install-man: man
	install -d $(DESTDIR)$(MAN1DIR) $(DESTDIR)$(MAN5DIR) $(DESTDIR)$(MAN7DIR)
	install -m 644 $(MAN1:%=$(O)/man/%) $(DESTDIR)$(MAN1DIR)
	install -m 644 $(MAN5:%=$(O)/man/%) $(DESTDIR)$(MAN5DIR)
	install -m 644 $(MAN7:%=$(O)/man/%) $(DESTDIR)$(MAN7DIR)

uninstall-man:
	rm -f $(MAN1:man1/%=$(DESTDIR)$(MAN1DIR)/%) \
		$(MAN5:man5/%=$(DESTDIR)$(MAN5DIR)/%) \
		$(MAN7:man7/%=$(DESTDIR)$(MAN7DIR)/%)

install-completions:
	install -d $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 completions/acct.bash $(DESTDIR)$(BASHCOMPDIR)/acct
	install -d $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 completions/_acct $(DESTDIR)$(ZSHCOMPDIR)/_acct
	install -d $(DESTDIR)$(FISHCOMPDIR)
	install -m 644 completions/acct.fish $(DESTDIR)$(FISHCOMPDIR)/acct.fish

uninstall-completions:
	rm -f $(DESTDIR)$(BASHCOMPDIR)/acct
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_acct
	rm -f $(DESTDIR)$(FISHCOMPDIR)/acct.fish

# The message catalogs, each po/<lang>.po compiled, where
# bindtextdomain() looks: $(LOCALEDIR)/<lang>/LC_MESSAGES/acct.mo.
install-locale: locale
	@for l in $(PO_LANGS); do \
		d=$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		echo "install -m 644 $(O)/locale/$$l/LC_MESSAGES/acct.mo $$d/acct.mo"; \
		install -d $$d && \
		install -m 644 $(O)/locale/$$l/LC_MESSAGES/acct.mo $$d/acct.mo || \
		exit 1; \
	done

uninstall-locale:
	rm -f $(PO_LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/acct.mo)

# The Debian package (debian/), built by dpkg-buildpackage in a copy of
# the source under build/deb and checked by lintian; then installed into
# a scratch root with dpkg --root and run. Minutes, so not in make test.
deb:
	@sh tools/deb.sh $(O) $(VERSION)

deb-test:
	@test -n "$$(ls $(O)/deb/acct_$(VERSION)_*.deb 2>/dev/null)" || \
		$(MAKE) --no-print-directory deb
	@sh tools/deb-test.sh $(O)

clean:
	rm -rf build/lib build/cmd build/gen build/tests build/tools \
		build/hdr build/asan build/fuzz build/acct build/libacct.a build/stress \
		build/locale build/localedir build/po build/man build/deb \
		acct demo tests/t/trash.*

distclean: clean
	rm -rf build

.PHONY: all acct man test test-unit test-bins check-plain check-asan \
	check-headers check-includes check-asan-unit check-unit-only check-prereqs stress \
	stress-sync stress-cache check-fuzz-replay replay-bins replay-only fuzz \
	fuzz-bins e2e-bins demo bench bench-quick bench-bins install uninstall \
	install-bin uninstall-bin install-man uninstall-man \
	install-completions uninstall-completions install-locale \
	uninstall-locale deb deb-test clean distclean locale pot check-po FORCE
.DELETE_ON_ERROR:
