/* The switch of acct/i18n.h: whether messages go through gettext. */
#include "acct/i18n.h"

int acct_i18n_english;
