#ifndef ACCT_ACCT_H
#define ACCT_ACCT_H

/* All of lib/'s public headers. */
#include "acct/agenda.h"
#include "acct/book.h"
#include "acct/brief.h"
#include "acct/buf.h"
#include "acct/builtin.h"
#include "acct/cardmerge.h"
#include "acct/client.h"
#include "acct/commit.h"
#include "acct/config.h"
#include "acct/csv.h"
#include "acct/date.h"
#include "acct/error.h"
#include "acct/git.h"
#include "acct/history.h"
#include "acct/lock.h"
#include "acct/md.h"
#include "acct/nps.h"
#include "acct/period.h"
#include "acct/report.h"
#include "acct/slug.h"
#include "acct/sync.h"
#include "acct/text.h"
#include "acct/tpl.h"
#include "acct/txn.h"
#include "acct/tz.h"
#include "acct/undo.h"
#include "acct/yaml.h"

#endif
