/* bs-bsre-answer.h — what a BSrE service's error answer means: the one
 * place where status codes, HTTP statuses and bodies of every shape
 * become a BS_BSRE_ERROR with a message for people. For the api/ files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-bsre-session.h"

G_BEGIN_DECLS

/* Which credentials the refused request carried. */
typedef enum {
  BS_BSRE_SENT_NONE,
  BS_BSRE_SENT_BEARER,
  BS_BSRE_SENT_BASIC,
} BsBsreSentAuth;

/* Sets @error for an error answer: @answer is its JSON object, or NULL
 * when the body was empty or not a JSON object. */
void     bs_bsre_answer_set_error (long http_status, json_object *answer, BsBsreSentAuth sent,
                                   GError **error);
/* TRUE for a 2xx answer that is an error all the same,
 * {"error": "…", "status_code": N}. */
gboolean bs_bsre_answer_is_error  (json_object *answer);

G_END_DECLS
