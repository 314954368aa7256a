/*
 * The floors of `make bench`: the least a command's answer costs, as a
 * program that reads exactly the files the command needs and nothing else.
 *
 *	floor agenda <book>
 *		each client's card and its newest entry: for every folder of
 *		clients/, read client.yaml, list log/, list the newest year
 *		in it, read the newest file there (names sort by time);
 *	floor report <book> <YYYY-MM>
 *		each client's card and its entries of that month: list
 *		log/<YYYY>/ and read the files whose names start YYYY-MM.
 *
 * It prints how many files and bytes it read, so that the work is seen
 * to be done (and cannot be left out by a clever compiler).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tally {
	unsigned long files;
	unsigned long long bytes;
};

/* `a`/`b` into `out`, or -1 when it does not fit. */
static int join(char *out, size_t size, const char *a, const char *b)
{
	int n = snprintf(out, size, "%s/%s", a, b);

	if (n < 0 || (size_t)n >= size) {
		fprintf(stderr, "floor: %s/%s: path too long\n", a, b);
		return -1;
	}
	return 0;
}

static int read_file(struct tally *t, const char *path)
{
	char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		t->bytes += (unsigned long long)n;
	close(fd);
	if (n < 0) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		return -1;
	}
	t->files++;
	return 0;
}

/* The greatest name in `dir` that does not start with '.'; 0 if none. */
static int newest(char *out, size_t size, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	*out = '\0';
	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && strcmp(e->d_name, out) > 0 &&
		    strlen(e->d_name) < size)
			snprintf(out, size, "%s", e->d_name);
	closedir(d);
	return *out != '\0';
}

static int agenda_client(struct tally *t, const char *client)
{
	char log[4096], dir[4096], path[4096], year[256], name[256];

	if (join(path, sizeof(path), client, "client.yaml") < 0 ||
	    read_file(t, path) < 0 || join(log, sizeof(log), client, "log") < 0)
		return -1;
	if (!newest(year, sizeof(year), log))
		return 0;
	if (join(dir, sizeof(dir), log, year) < 0)
		return -1;
	if (!newest(name, sizeof(name), dir))
		return 0;
	if (join(path, sizeof(path), dir, name) < 0)
		return -1;
	return read_file(t, path);
}

static int report_client(struct tally *t, const char *client,
			 const char *month)
{
	char log[4096], path[4096], file[4096], year[5];
	size_t mlen = strlen(month);
	struct dirent *e;
	DIR *d;
	int rc = 0;

	memcpy(year, month, 4);
	year[4] = '\0';
	if (join(file, sizeof(file), client, "client.yaml") < 0 ||
	    read_file(t, file) < 0 || join(log, sizeof(log), client, "log") < 0 ||
	    join(path, sizeof(path), log, year) < 0)
		return -1;
	if (!(d = opendir(path)))
		return 0;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, month, mlen) &&
		    (join(file, sizeof(file), path, e->d_name) < 0 ||
		     read_file(t, file) < 0))
			rc = -1;
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	struct tally t = { 0, 0 };
	char clients[4096], client[4096];
	struct dirent *e;
	DIR *d;
	int report, rc = 0;

	if (argc < 3 || (strcmp(argv[1], "agenda") && strcmp(argv[1], "report")) ||
	    (!strcmp(argv[1], "report") && (argc != 4 || strlen(argv[3]) != 7)) ||
	    (!strcmp(argv[1], "agenda") && argc != 3)) {
		fprintf(stderr, "usage: floor agenda <book>\n"
				"   or: floor report <book> <YYYY-MM>\n");
		return 2;
	}
	report = !strcmp(argv[1], "report");
	if (join(clients, sizeof(clients), argv[2], "clients") < 0)
		return 1;
	if (!(d = opendir(clients))) {
		fprintf(stderr, "floor: %s: %s\n", clients, strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (join(client, sizeof(client), clients, e->d_name) < 0 ||
		    (report ? report_client(&t, client, argv[3])
			    : agenda_client(&t, client)) < 0)
			rc = 1;
	}
	closedir(d);
	printf("%lu files, %llu bytes\n", t.files, t.bytes);
	return rc;
}
