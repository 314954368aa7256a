/*
 * libgit2 1.5 as Debian builds it (with mbedTLS) reads and parses the
 * whole CA bundle, /etc/ssl/certs/ca-certificates.crt, as it starts
 * (git_libgit2_init(): 5-7 ms of every command, the most of `acct client
 * show` after loading the libraries), for HTTPS remotes that acct never
 * reaches through libgit2: sync runs the system's git. No option of
 * libgit2 1.5 skips it (GIT_OPT_SET_SSL_CERT_LOCATIONS only loads more,
 * after the start).
 *
 * So the program defines the two functions libgit2 loads certificates
 * with, and the dynamic linker binds libgit2's calls to these before
 * mbedTLS's own (the executable comes first in the lookup): they parse
 * nothing and say that every certificate parsed. Were acct ever to open
 * a TLS connection through libgit2, it would trust no certificate: it
 * fails closed. tests/t/t0001-basic.sh checks the binding (LD_DEBUG).
 * Only the program does this, not lib/: the unit tests and anything
 * else linking libacct.a keep libgit2 as it is.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <sys/random.h>
#include <sys/types.h>

#include <openssl/crypto.h>

struct mbedtls_x509_crt;

int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain,
				const char *path);
int mbedtls_x509_crt_parse_path(struct mbedtls_x509_crt *chain,
				const char *path);

int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain,
				const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

int mbedtls_x509_crt_parse_path(struct mbedtls_x509_crt *chain,
				const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

/*
 * Of what is left of libgit2's start, seeding mbedTLS's random generator
 * was 1.1 M instructions of the 9.7 M of `acct client show` on the bench
 * book (callgrind). The seed's one slow source is HAVEGE, which times a
 * loop of memory accesses to gather entropy (mbedTLS 2.28 deprecates it;
 * 3.0 removed it). Its state is set up by mbedtls_havege_init and read by
 * mbedtls_havege_poll: here the poll takes the kernel's generator
 * instead, getrandom(2), and so the state needs no warming. The seed
 * still takes every other source mbedTLS polls, the kernel's among them.
 */
struct mbedtls_havege_state;

void mbedtls_havege_init(struct mbedtls_havege_state *hs);
int mbedtls_havege_poll(void *data, unsigned char *output, size_t len,
			size_t *olen);

void mbedtls_havege_init(struct mbedtls_havege_state *hs)
{
	(void)hs;
}

int mbedtls_havege_poll(void *data, unsigned char *output, size_t len,
			size_t *olen)
{
	size_t got = 0;

	(void)data;
	while (got < len) {
		ssize_t n = getrandom(output + got, len - got, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		got += (size_t)n;
	}
	*olen = got;
	/* MBEDTLS_ERR_ENTROPY_SOURCE_FAILED: the seed fails, not weakens */
	return got == len ? 0 : -0x003C;
}

/*
 * libssh2's start (libgit2 calls it as it starts) sets OpenSSL up with
 * its error strings, 1 M instructions of every command, for SSH remotes
 * acct never opens through libgit2. The strings are left out first; then
 * libssh2's own start runs as before. (Not starting libssh2 at all made
 * LeakSanitizer's thread scan crash in t6300, a report mailed through
 * GMime, for a reason not found: so libssh2 still starts.)
 */
int libssh2_init(int flags);

int libssh2_init(int flags)
{
	static int (*next)(int);

	if (!next)
		*(void **)&next = dlsym(RTLD_NEXT, "libssh2_init");
	if (!next)
		return -1;
	(void)OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS, NULL);
	return next(flags);
}
