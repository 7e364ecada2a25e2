/* bs-json-read.h — fields of a service's JSON answer, each read with its
 * type checked. A missing or mistyped required field is the error
 * BS_BSRE_ERROR_UNEXPECTED_ANSWER naming the field; unknown fields are
 * ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

G_BEGIN_DECLS

const char  *bs_json_string   (json_object *o, const char *key, GError **error);
/* NULL when absent or null; an error only when of another type. */
gboolean     bs_json_optional_string (json_object *o, const char *key, const char **value, GError **error);
gboolean     bs_json_int      (json_object *o, const char *key, gint64 *value, GError **error);
/* A status code sent as a number or, on some deployments of the real
 * service, as a string of digits; FALSE when absent or neither. */
gboolean     bs_json_code     (json_object *o, const char *key, gint64 *value);
gboolean     bs_json_bool     (json_object *o, const char *key, gboolean *value, GError **error);
json_object *bs_json_array    (json_object *o, const char *key, GError **error);
json_object *bs_json_object   (json_object *o, const char *key, GError **error);
/* A base64 string element of an array (transfer full). */
GBytes      *bs_json_base64_at (json_object *array, gsize index, const char *what, GError **error);
/* A base64 string field (transfer full). */
GBytes      *bs_json_base64   (json_object *o, const char *key, GError **error);

G_END_DECLS
