package io.pixflow.payment.domain.pix;

/** The five kinds of PIX key (chave) the Banco Central's DICT registers. */
public enum PixKeyType {
    CPF,
    CNPJ,
    EMAIL,
    PHONE,
    /** A random key ("chave aleatória", EVP): a lowercase UUID. */
    RANDOM
}
