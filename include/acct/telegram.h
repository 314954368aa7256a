#ifndef ACCT_TELEGRAM_H
#define ACCT_TELEGRAM_H

#include <stddef.h>
#include <stdint.h>

#include "acct/buf.h"

struct acct_book;
struct acct_error;

/*
 * Telegram Desktop's JSON export (result.json) read as a stream: one chat
 * (its name, type, id and messages at the top) or the whole account
 * (chats.list[] and left_chats.list[], each such a chat). lib/telegram.c
 * scans the file for the messages arrays and hands over one message at a
 * time, parsed by jansson from its own bytes; memory is bounded by the
 * largest message, never by the file. lib/telegram_md.c flattens a
 * message's text and its entities to Markdown; lib/telegram_import.c
 * makes the client's chat entries.
 */

/* A chat of the export, as its object says before (or after) messages. */
struct acct_tg_chat {
	const char *name;	/* "" when the export has none */
	const char *type;	/* "personal_chat", "private_group" ...; or "" */
	long long id;		/* 0 when the export has none */
	int listed;		/* one of an account export's chats.list[] */
};

/* One message, flattened. */
struct acct_tg_message {
	long long id;
	int service;		/* type "service": a pin, a call, a join ... */
	int64_t when;		/* seconds since the epoch (date_unixtime) */
	char *from;		/* the author's name (a service's actor); NULL */
	char *from_id;		/* "user123", "channel456"; NULL */
	char *text;		/* Markdown: the text, then the media; "" */
	char *plain;		/* one line of plain text for a summary; "" */
	char *forwarded_from;	/* NULL unless forwarded */
	long long reply_to;	/* reply_to_message_id, or 0 */
	int edited;		/* the export has an "edited" date */
};

void acct_tg_message_free(struct acct_tg_message *m);

/**
 * Parse one message object of an export (`len` bytes of JSON) into
 * `*out`. `offset` is where the object starts in the file, for messages:
 * errors (ACCT_EDATA) name "byte N" or "message ID": not an object, no
 * integer id, no date, a text that is neither a string nor a list of
 * strings and entities. Free with acct_tg_message_free().
 */
int acct_tg_message_parse(struct acct_tg_message **out, const char *json,
			  size_t len, long long offset, struct acct_error *err);

/*
 * What the reader calls. `chat` is called once a chat's name, type and id
 * are known, before its first message: 1 takes its messages, 0 skips
 * them unread (no JSON parser runs on them), < 0 stops with that error.
 * `message` gets each message of a chat taken, in the file's order, and
 * may keep it (return 1; it then frees it with acct_tg_message_free()) or
 * not (0: the reader frees it); < 0 stops.
 */
struct acct_tg_read_opts {
	int (*chat)(const struct acct_tg_chat *chat, void *payload);
	int (*message)(const struct acct_tg_chat *chat,
		       struct acct_tg_message *m, void *payload);
	void *payload;
	size_t max_value;	/* the largest message or value read whole */
};

/**
 * Read the export in `fd` (a regular file: a chat whose messages come
 * before its name is read again from there), named `name` in messages.
 * Sets `*self_id` to personal_information.user_id of an account export
 * (0 when absent). Errors are ACCT_EDATA naming `name` and the byte
 * offset (or the message's id): bad JSON, a file that ends early, a
 * value larger than max_value, text after the export, a file that is no
 * export (no messages and no chats list); ACCT_ERROR for I/O.
 */
int acct_tg_read(int fd, const char *name, const struct acct_tg_read_opts *o,
		 long long *self_id, struct acct_error *err);

/**
 * Append `s` (`len` bytes) to `out` as Markdown text that reads as
 * exactly `s`: the characters Markdown would take for emphasis, links,
 * code or HTML are escaped with '\', and so is what would start a
 * heading, a list, a quote or a rule at the start of a line.
 * `line_start` says whether `s` starts a line.
 */
void acct_tg_md_escape(struct acct_buf *out, const char *s, size_t len,
		       int line_start);

/**
 * Append the Markdown of a message's text to `md` and its plain text to
 * `plain`: `json` is the message's "text_entities" (else its "text"):
 * a string, or a list of strings and {"type", "text", "href"} objects.
 * Bold, italic, code, pre, links, text links, mentions, e-mails,
 * blockquotes are Markdown; other types are their text, escaped. Returns
 * 0, or -1 when the value has another shape. (The JSON is a jansson
 * json_t, passed as void so that this header needs no jansson.)
 */
int acct_tg_md_text(struct acct_buf *md, struct acct_buf *plain,
		    const void *json);

/**
 * Append to `md` the message's media as a note in italics, "*(photo
 * photo_1.jpg)*", "*(voice message, 0:12)*", "*(sticker 👍)*", and its
 * word to `plain` when `plain` is empty; nothing when it has none.
 */
void acct_tg_md_media(struct acct_buf *md, struct acct_buf *plain,
		      const void *json);

/* What acct_tg_import() is asked. */
struct acct_tg_import_opts {
	const char *slug;	/* the client */
	const char *chat;	/* --chat: a chat's name or id; NULL */
	const char *file;	/* the export, as named on the command line */
	int fd;			/* open on it */
	size_t max_value;	/* the largest message read */
	int dry_run;		/* say what would be done, write nothing */
};

/* An entry added or added to. */
struct acct_tg_entry {
	char *path;
	int added;		/* 1: a new entry; 0: messages added to it */
	size_t messages;	/* the messages it got */
};

struct acct_tg_import {
	struct acct_tg_entry *entries;
	size_t n, alloc;
	size_t chats;		/* the chats taken */
	size_t messages;	/* the messages new to the book */
	size_t known;		/* the messages already in it */
	size_t service;		/* service messages left out */
};

#define ACCT_TG_IMPORT_INIT { NULL, 0, 0, 0, 0, 0, 0 }

/**
 * Import the export of `o` as the client's chat entries, one per local
 * day of conversation, and commit them in one commit (none when nothing
 * is new, or with dry_run). ACCT_EDATA for a bad export or a bad entry
 * of the book; ACCT_EUSAGE when no chat is the client's. Nothing is
 * written on any error.
 */
int acct_tg_import(struct acct_tg_import *out, struct acct_book *book,
		   const struct acct_tg_import_opts *o, struct acct_error *err);

void acct_tg_import_release(struct acct_tg_import *im);

#endif
