// The whole C surface ollama-scan uses from OpenSSL: the EVP digest API (SHA-256).
#include <openssl/evp.h>
