"""Small stopword lists per content language, written without accents (tokens are folded).

Question words are stopwords too: "how", "cómo", "kijan" say little about the subject.
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "es": _words(
        """
        a al algo algun alguna algunas alguno algunos ante antes aqui asi aun cada como con
        contra cual cuales cuando cuanto cuantos de del desde donde dos durante el ella ellas
        ello ellos en entre era eran es esa esas ese eso esos esta estaba estan estar este esto
        estos fue fueron ha hace hacer hago han hasta hay la las le les lo los mas me mi mis
        mucho muy necesito nada ni no nos nosotros o otra otras otro otros para pero poco por
        porque puede pueden puedo que quien quienes se sea segun ser si sin sino sobre son su sus
        tambien tan te tener tengo ti tiene tienen todo todos tu tus u un una unas uno unos
        usted ustedes y ya yo debo debe deben
        """
    ),
    "en": _words(
        """
        a about after all also am an and any are as at be because been before being but by can
        could did do does doing for from get had has have having he her here hers him his how i
        if in into is it its just me my need no nor not of on or our ours out over own she
        should so some than that the their theirs them then there these they this those through
        to too under until up very was we were what when where which while who whom why will
        with would you your yours
        """
    ),
    "fr": _words(
        """
        a ai as au aux avec avez avoir c ce ces cet cette comment d dans de des dois doit du elle
        elles en es est et etait ete etes etre eu faire faut il ils j je l la le les leur leurs lui
        m ma mais me meme mes moi mon n ne nos notre nous on ont ou par pas peut peux pour
        pourquoi puis qu quand que quel quelle quelles quels qui quoi s sa sans se ses si son
        sont suis sur t ta te tes toi ton tu un une vos votre vous y
        """
    ),
    "ht": _words(
        """
        a ak al an ann ap e epi de dwe eske gen ka ke ki kijan kikote kile kimoun kisa kote l la
        lan le li m men mwen n nan nou ou oswa pa pou poukisa pral sa se si sou te va vle w y yo
        yon
        """
    ),
}
