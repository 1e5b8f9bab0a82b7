"""The programme's FAQ, advice, guide and diversity statement, written from the public FAQ.

Staff edit them afterwards; this migration only creates what does not exist yet.
"""

from decimal import Decimal

from django.db import migrations

TOPICS = [
    ("applying", "Applying", "Candidature"),
    ("eligibility", "Eligibility", "Conditions d'admission"),
    ("documents", "Documents", "Documents"),
    ("selection", "Selection", "Sélection"),
    ("clearance", "Security clearance", "Habilitation de sécurité"),
    ("arrival", "Arrival and visas", "Arrivée et visas"),
    ("conditions", "Stipend and conditions", "Allocation et conditions"),
    ("after", "After the internship", "Après le stage"),
]

# (topic, slug, question en, question fr, answer en, answer fr)
ENTRIES = [
    ("applying", "when-can-i-apply",
     "When can I apply?",
     "Quand puis-je postuler ?",
     "The call for applications for the NATO Internship Programme opens once a year, from April to May, for all eligible candidates. Placements beginning in March or September of the following year are offered to successful candidates.",
     "L'appel à candidatures du Programme de stages de l'OTAN est ouvert une fois par an, d'avril à mai, à tous les candidats éligibles. Des stages commençant en mars ou en septembre de l'année suivante sont proposés aux candidats retenus."),
    ("applying", "how-do-i-apply",
     "How do I apply? Can I send my application by mail or email?",
     "Comment postuler ? Puis-je envoyer ma candidature par courrier ou par courriel ?",
     "NATO Headquarters does not accept spontaneous applications by mail or email. All applications must be made through this portal, during the call for applications.",
     "Le siège de l'OTAN n'accepte pas de candidatures spontanées par courrier ou par courriel. Toutes les candidatures doivent être déposées sur ce portail, pendant l'appel à candidatures."),
    ("applying", "summer-or-part-time",
     "Do you offer summer or part-time internships?",
     "Proposez-vous des stages d'été ou à temps partiel ?",
     "No. We do not offer summer or part-time internships. Successful candidates must be prepared to be available full time for the duration of their six-month internship.",
     "Non. Nous ne proposons pas de stages d'été ni de stages à temps partiel. Les candidats retenus doivent être disponibles à temps plein pendant toute la durée de leur stage de six mois."),
    ("applying", "where-are-the-internships",
     "Where are the internships?",
     "Où se déroulent les stages ?",
     "The Internship Programme offers positions at NATO Headquarters in Brussels, Belgium: within the International Staff, the International Military Staff, and some of the NATO agencies and bodies based at NATO Headquarters. Please read each vacancy carefully.",
     "Le Programme de stages propose des postes au siège de l'OTAN à Bruxelles (Belgique) : au sein du Secrétariat international, de l'État-major militaire international et de certaines agences et certains organismes de l'OTAN établis au siège. Lisez attentivement chaque offre."),
    ("applying", "academic-backgrounds",
     "Which academic backgrounds are welcome?",
     "Quelles formations sont les bienvenues ?",
     "The Programme welcomes applications from candidates with diverse academic backgrounds, including political science, data and engineering, translation, human resources and energy studies, to name just a few. We encourage all interested candidates who meet the eligibility criteria to apply.",
     "Le Programme accueille des candidats aux formations très diverses : science politique, données et ingénierie, traduction, ressources humaines, études de l'énergie, pour n'en citer que quelques-unes. Nous encourageons toutes les personnes intéressées qui remplissent les conditions d'admission à postuler."),
    ("applying", "stand-out",
     "How can I make my application stand out?",
     "Comment faire ressortir ma candidature ?",
     "Spend time on it. Mention all of your skills, explain why you are right for the specific position and tell us about the added value you will bring to NATO. Learn about the work of the divisions and bodies at NATO Headquarters and explain how you would contribute to the tasks of the one you are applying to. Read our application advice.",
     "Prenez le temps de la préparer. Mentionnez toutes vos compétences, expliquez pourquoi vous convenez au poste visé et dites-nous quelle valeur ajoutée vous apporterez à l'OTAN. Renseignez-vous sur le travail des divisions et organismes du siège et expliquez comment vous contribueriez aux tâches de celui auquel vous postulez. Lisez nos conseils de candidature."),
    ("applying", "motivation-letter",
     "How long should my motivation letter be?",
     "Quelle longueur pour ma lettre de motivation ?",
     "Keep it short: three to four paragraphs. Use active verbs to describe yourself. Give information about your studies and skills, and explain how and why you are the right candidate for the specific vacancy.",
     "Restez bref : trois à quatre paragraphes. Utilisez des verbes d'action pour vous décrire. Présentez vos études et vos compétences, et expliquez comment et pourquoi vous êtes la bonne personne pour le poste visé."),
    ("eligibility", "who-can-apply",
     "Who can apply?",
     "Qui peut postuler ?",
     "You can apply if, by the date of your application, you are a citizen of a NATO member country, you are 21 or older, you meet the academic requirements and you are proficient in English or French. You must meet the eligibility requirements by the date of your application. No professional experience is needed.",
     "Vous pouvez postuler si, à la date de votre candidature, vous êtes ressortissant d'un pays membre de l'OTAN, vous avez 21 ans ou plus, vous remplissez les conditions d'études et vous maîtrisez l'anglais ou le français. Vous devez remplir les conditions d'admission à la date de votre candidature. Aucune expérience professionnelle n'est exigée."),
    ("eligibility", "partner-countries",
     "I am a citizen of a NATO partner country. Can I apply?",
     "Je suis ressortissant d'un pays partenaire de l'OTAN. Puis-je postuler ?",
     "No, only citizens of NATO member countries can apply to the NATO Internship Programme. Citizens of NATO partner countries should contact their mission to NATO or their embassy in Brussels for information on possible internships within the mission or embassy.",
     "Non, seuls les ressortissants des pays membres de l'OTAN peuvent postuler au Programme de stages de l'OTAN. Les ressortissants des pays partenaires peuvent se renseigner auprès de la mission de leur pays auprès de l'OTAN ou de leur ambassade à Bruxelles sur d'éventuels stages au sein de la mission ou de l'ambassade."),
    ("eligibility", "age-limit",
     "Is there an age limit?",
     "Y a-t-il une limite d'âge ?",
     "You must be 21 years of age or older to apply. There is no maximum age limit. You must meet the eligibility criteria by the date of your application.",
     "Vous devez avoir 21 ans ou plus pour postuler. Il n'y a pas d'âge maximum. Vous devez remplir les conditions d'admission à la date de votre candidature."),
    ("eligibility", "academic-requirements",
     "What academic background do I need?",
     "Quelles études dois-je avoir faites ?",
     "You are eligible if you have completed at least two years of university-level studies (or equivalent education) and are enrolled in a further year, OR if you obtained your highest degree less than a year before the date of your application.",
     "Vous êtes éligible si vous avez achevé au moins deux années d'études universitaires (ou une formation équivalente) et êtes inscrit dans une année supplémentaire, OU si vous avez obtenu votre diplôme le plus élevé moins d'un an avant la date de votre candidature."),
    ("eligibility", "languages",
     "Which languages do I need?",
     "Quelles langues dois-je parler ?",
     "You must be proficient in one of the two official NATO languages, English and French. A working knowledge of the other is an asset. Knowledge of other languages may also be an asset for some positions. Your language skills are assessed during the selection process, so you do not need to send any language certificate.",
     "Vous devez maîtriser l'une des deux langues officielles de l'OTAN, l'anglais et le français. Une connaissance pratique de l'autre est un atout. La connaissance d'autres langues peut aussi être un atout pour certains postes. Vos compétences linguistiques sont évaluées pendant la sélection : vous n'avez donc pas à fournir de certificat de langue."),
    ("eligibility", "professional-experience",
     "Do I need professional experience?",
     "Dois-je avoir une expérience professionnelle ?",
     "No, you do not need any previous professional experience to be eligible. If a position asks about experience, mention any relevant experience you have (internships, employment, volunteering...).",
     "Non, aucune expérience professionnelle n'est nécessaire pour être éligible. Si un poste vous interroge sur votre expérience, mentionnez toute expérience utile (stages, emplois, bénévolat...)."),
    ("eligibility", "quotas",
     "Are there nationality or gender quotas?",
     "Y a-t-il des quotas par nationalité ou par genre ?",
     "No, NATO does not apply nationality or gender quotas to the Internship Programme selection process. The Programme is open to citizens of NATO member countries and all applications are assessed equally, through a merit-based selection process.",
     "Non, l'OTAN n'applique aucun quota de nationalité ou de genre dans la sélection du Programme de stages. Le Programme est ouvert aux ressortissants des pays membres de l'OTAN et toutes les candidatures sont évaluées de la même manière, selon un processus de sélection fondé sur le mérite."),
    ("eligibility", "scholarships",
     "Can I apply if I already hold a scholarship or grant?",
     "Puis-je postuler si je bénéficie déjà d'une bourse ?",
     "Yes. According to the Internship Rules, interns may receive emoluments from outside sources (such as scholarships or grants) in addition to their NATO internship stipend.",
     "Oui. Selon le Règlement des stages, les stagiaires peuvent percevoir des rémunérations de sources extérieures (bourses, subventions) en plus de leur allocation de stage de l'OTAN."),
    ("documents", "required-documents",
     "Which documents must I attach?",
     "Quels documents dois-je joindre ?",
     "Attach your CV and the proof of your academic background: if you are a student, a proof of your ongoing studies with their dates; if you have graduated, a copy of your degree. Ideally the documents are in English or French; if you do not have official copies in one of these languages, attach a translation.",
     "Joignez votre CV et la preuve de votre parcours d'études : si vous êtes étudiant, une attestation de vos études en cours avec leurs dates ; si vous êtes diplômé, une copie de votre diplôme. Idéalement, les documents sont en anglais ou en français ; si vous n'en avez pas de copie officielle dans l'une de ces langues, joignez une traduction."),
    ("documents", "reference-letters",
     "Do I need reference letters?",
     "Dois-je fournir des lettres de recommandation ?",
     "No, you do not need to send or attach reference letters. At the end of the application process you will be asked to list some references: tell them that NATO may contact them.",
     "Non, vous n'avez pas à envoyer ni à joindre de lettres de recommandation. À la fin du processus, il vous sera demandé d'indiquer des personnes de référence : prévenez-les que l'OTAN pourra les contacter."),
    ("selection", "selection-process",
     "How does the selection work?",
     "Comment se déroule la sélection ?",
     "Applications are screened and evaluated in the month after the deadline. Longlisted applicants are invited to an online assessment (interactive business games and a recorded video interview) and have two weeks to complete it. The Internship Programme Office also checks that applications meet the eligibility criteria. Applications are then made available to the divisions at NATO Headquarters, which identify the candidates whose profiles fit their needs. Shortlisted candidates are invited to further assessments (for example a recorded video interview, a written test or a live interview). All applicants are informed of the outcome of their application.",
     "Les candidatures sont examinées et évaluées le mois qui suit la date limite. Les candidats présélectionnés sont invités à une évaluation en ligne (jeux de mise en situation interactifs et entretien vidéo enregistré) et disposent de deux semaines pour la réaliser. Le Bureau du programme de stages vérifie aussi que les candidatures remplissent les conditions d'admission. Les candidatures sont ensuite transmises aux divisions du siège, qui repèrent les profils correspondant à leurs besoins. Les candidats retenus sur la liste restreinte sont invités à d'autres épreuves (entretien vidéo enregistré, épreuve écrite, entretien en direct, etc.). Tous les candidats sont informés du résultat de leur candidature."),
    ("clearance", "security-clearance",
     "Do I need a security clearance?",
     "Ai-je besoin d'une habilitation de sécurité ?",
     "Yes. All NATO interns must have a valid security clearance to receive a final internship offer. If you are selected, you receive an email from NATO; once you confirm your interest, NATO starts your security clearance process. The clearance is issued by your national authorities, not by NATO, and usually takes six to eight months: follow it through your national delegation to NATO. NATO sends the final offer only once the clearance is granted, and the start date of your internship depends on when you receive it.",
     "Oui. Tous les stagiaires de l'OTAN doivent détenir une habilitation de sécurité valide pour recevoir une offre de stage définitive. Si vous êtes sélectionné, vous recevez un courriel de l'OTAN ; une fois votre intérêt confirmé, l'OTAN lance la procédure d'habilitation. L'habilitation est délivrée par vos autorités nationales, et non par l'OTAN, et prend généralement de six à huit mois : suivez-la par l'intermédiaire de votre délégation nationale auprès de l'OTAN. L'OTAN n'envoie l'offre définitive qu'une fois l'habilitation accordée, et la date de début de votre stage dépend du moment où vous la recevez."),
    ("arrival", "visa",
     "Do I need a visa?",
     "Ai-je besoin d'un visa ?",
     "Internships take place at NATO Headquarters in Brussels, Belgium. Citizens of the European Union do not need a visa to enter or live in Belgium. Albanian, Canadian and US interns can travel directly to Belgium; NATO's Privileges and Immunities team will contact you to help with your relocation. Turkish interns must request a tourist visa to enter Belgium before booking their travel through the NATO Travel Agency.",
     "Les stages se déroulent au siège de l'OTAN à Bruxelles (Belgique). Les citoyens de l'Union européenne n'ont pas besoin de visa pour entrer ou séjourner en Belgique. Les stagiaires albanais, canadiens et américains peuvent se rendre directement en Belgique ; l'équipe Privilèges et immunités de l'OTAN prendra contact avec vous pour faciliter votre installation. Les stagiaires turcs doivent demander un visa touristique pour entrer en Belgique avant de réserver leur voyage auprès de l'agence de voyages de l'OTAN."),
    ("arrival", "identity-card",
     "Do I need to register at the city hall?",
     "Dois-je m'inscrire à la commune ?",
     "No. On arrival at NATO Headquarters, interns of all nationalities except Belgians fill in a request form for a special identity card and submit it to NATO's Privileges and Immunities Office, which liaises with the Belgian authorities. The special identity card serves as your residence permit for the duration of your internship, so submit your request as soon as possible after you arrive. Only Belgian interns are exempt from this procedure.",
     "Non. À leur arrivée au siège de l'OTAN, les stagiaires de toutes nationalités, sauf les Belges, remplissent une demande de carte d'identité spéciale et la remettent au Bureau Privilèges et immunités de l'OTAN, qui se charge des relations avec les autorités belges. La carte d'identité spéciale tient lieu de titre de séjour pendant toute la durée du stage : déposez donc votre demande le plus tôt possible après votre arrivée. Seuls les stagiaires belges sont dispensés de cette procédure."),
    ("arrival", "accommodation",
     "Does NATO provide accommodation?",
     "L'OTAN fournit-elle un logement ?",
     "No, NATO does not offer accommodation to interns. Once you have your security clearance and final offer, arrange your own accommodation in Brussels. The Internship Guide and the community of interns can help you learn about neighbourhoods and the cost of living.",
     "Non, l'OTAN ne loge pas les stagiaires. Une fois votre habilitation et votre offre définitive obtenues, trouvez vous-même un logement à Bruxelles. Le Guide du stagiaire et la communauté des stagiaires peuvent vous renseigner sur les quartiers et le coût de la vie."),
    ("conditions", "is-it-paid",
     "Is the internship paid?",
     "Le stage est-il rémunéré ?",
     "Yes, the internship is paid and full time (38 hours a week). NATO interns receive a monthly stipend ({stipend} for {stipend_year}); the amount changes every year in line with inflation and NATO salary adjustments.",
     "Oui, le stage est rémunéré et à temps plein (38 heures par semaine). Les stagiaires de l'OTAN perçoivent une allocation mensuelle ({stipend} pour {stipend_year}) ; son montant évolue chaque année en fonction de l'inflation et des ajustements des salaires de l'OTAN."),
    ("conditions", "telework",
     "Can I work from home?",
     "Puis-je télétravailler ?",
     "As a general rule, NATO allows staff members to work from home part of the time. However, teams have different needs and types of work, so for some positions working from home may not be possible. Each vacancy says whether part-time telework is possible.",
     "En règle générale, l'OTAN permet aux membres du personnel de travailler depuis leur domicile une partie du temps. Les équipes ayant des besoins et des types de travail différents, le télétravail peut toutefois être impossible pour certains postes. Chaque offre précise si le télétravail partiel est possible."),
    ("conditions", "respectful-workplace",
     "What working environment can I expect?",
     "À quel environnement de travail puis-je m'attendre ?",
     "NATO is committed to a positive work environment that values fair treatment, trust and respect, with zero tolerance for inappropriate behaviour, including any form of harassment, bullying or discrimination. Read our diversity and inclusion statement.",
     "L'OTAN s'engage pour un environnement de travail positif fondé sur l'équité, la confiance et le respect, avec une tolérance zéro pour les comportements inappropriés, dont toute forme de harcèlement, d'intimidation ou de discrimination. Lisez notre déclaration sur la diversité et l'inclusion."),
    ("after", "job-after",
     "Will I get a job at NATO after my internship?",
     "Obtiendrai-je un emploi à l'OTAN après mon stage ?",
     "An internship does not guarantee further employment by NATO. To be employed by NATO at any point after your internship, you must take part in the standard recruitment process.",
     "Un stage ne garantit pas d'emploi ultérieur à l'OTAN. Pour être recruté par l'OTAN après votre stage, vous devez passer par la procédure de recrutement habituelle."),
    ("after", "temporary-staff-pool",
     "What is the temporary staff hiring pool?",
     "Qu'est-ce que le vivier de recrutement du personnel temporaire ?",
     "Anyone who would like to work as a temporary staff member can create an employment profile in the temporary staff hiring pool. If and when a profile matches an open position, its owner may be contacted for an interview. Historically, a significant number of interns have continued working for NATO as temporary staff after their internship.",
     "Toute personne souhaitant travailler comme membre du personnel temporaire peut créer un profil dans le vivier de recrutement du personnel temporaire. Si un profil correspond à un poste ouvert, son titulaire peut être contacté pour un entretien. De nombreux stagiaires ont ainsi continué à travailler pour l'OTAN comme personnel temporaire après leur stage."),
    ("after", "questions",
     "Where can I send my questions?",
     "Où puis-je envoyer mes questions ?",
     "Questions about the Internship Programme at NATO Headquarters in Brussels can be sent by email to internships@hq.nato.int.",
     "Les questions sur le Programme de stages du siège de l'OTAN à Bruxelles peuvent être envoyées par courriel à internships@hq.nato.int."),
]

PAGES = [
    ("application-advice",
     "Application advice", "Conseils de candidature",
     "If you want your application to stand out, spend time on it.\n\n"
     "Mention all of your skills. Explain why you are right for the specific position and tell us about the added value that you will bring to NATO. Learn more about the work of the different divisions and bodies at NATO Headquarters and explain how you would contribute to the tasks of the one you are applying to.\n\n"
     "Your motivation letter: keep it short, three to four paragraphs. Use active verbs to describe yourself. Give information about your studies and skills, and explain how and why you are the right candidate for the specific vacancy. How would this experience help you improve, and help improve the team you would join? How would this internship advance your career and personal growth?\n\n"
     "You do not need to send reference letters. At the end of the application process you will be asked to list some references: tell them that NATO may contact them.\n\n"
     "If a position asks about previous professional experience, mention any relevant experience you have, such as internships, employment or volunteering. No professional experience is needed to be eligible.",
     "Si vous voulez que votre candidature se démarque, prenez le temps de la préparer.\n\n"
     "Mentionnez toutes vos compétences. Expliquez pourquoi vous convenez au poste visé et dites-nous quelle valeur ajoutée vous apporterez à l'OTAN. Renseignez-vous sur le travail des différentes divisions et des organismes du siège de l'OTAN et expliquez comment vous contribueriez aux tâches de celui auquel vous postulez.\n\n"
     "Votre lettre de motivation : restez bref, trois à quatre paragraphes. Utilisez des verbes d'action pour vous décrire. Présentez vos études et vos compétences, et expliquez comment et pourquoi vous êtes la bonne personne pour le poste visé. En quoi cette expérience vous ferait-elle progresser, et ferait-elle progresser l'équipe que vous rejoindriez ? En quoi ce stage ferait-il avancer votre carrière et votre développement personnel ?\n\n"
     "Vous n'avez pas à envoyer de lettres de recommandation. À la fin du processus, il vous sera demandé d'indiquer des personnes de référence : prévenez-les que l'OTAN pourra les contacter.\n\n"
     "Si un poste vous interroge sur votre expérience professionnelle, mentionnez toute expérience utile : stages, emplois, bénévolat. Aucune expérience professionnelle n'est exigée pour être éligible."),
    ("internship-guide",
     "Internship Guide", "Guide du stagiaire",
     "NATO does not offer accommodation to interns. Once you receive your security clearance and final offer, arrange your own accommodation in Brussels.\n\n"
     "Living in Brussels: interns live all over the city and its surroundings. Public transport (metro, tram, bus and train) serves NATO Headquarters. Compare neighbourhoods, commuting times and rents before you sign a lease, and ask the community of interns for advice.\n\n"
     "Your stipend: interns receive a monthly stipend ({stipend} for {stipend_year}). Scholarships and grants from outside sources are allowed on top of it.\n\n"
     "On arrival: unless you are Belgian, request your special identity card through NATO's Privileges and Immunities Office as soon as possible; it serves as your residence permit, so you do not register at the city hall (commune).",
     "L'OTAN ne loge pas les stagiaires. Une fois votre habilitation de sécurité et votre offre définitive reçues, trouvez vous-même un logement à Bruxelles.\n\n"
     "Vivre à Bruxelles : les stagiaires habitent dans toute la ville et ses environs. Les transports en commun (métro, tram, bus et train) desservent le siège de l'OTAN. Comparez les quartiers, les temps de trajet et les loyers avant de signer un bail, et demandez conseil à la communauté des stagiaires.\n\n"
     "Votre allocation : les stagiaires perçoivent une allocation mensuelle ({stipend} pour {stipend_year}). Les bourses et subventions de sources extérieures peuvent s'y ajouter.\n\n"
     "À votre arrivée : sauf si vous êtes belge, demandez au plus tôt votre carte d'identité spéciale auprès du Bureau Privilèges et immunités de l'OTAN ; elle tient lieu de titre de séjour, vous n'avez donc pas à vous inscrire à la commune."),
    ("diversity-and-inclusion",
     "Diversity and inclusion", "Diversité et inclusion",
     "NATO is committed to promoting and fostering a positive work environment that values fair treatment, trust and respect for others, with zero tolerance for inappropriate behaviour, including any form of harassment, bullying or discrimination.\n\n"
     "NATO is committed to diversity and inclusion, and strives to provide equal access to employment, advancement and retention, independent of gender, age, nationality, ethnic origin, religion or belief, cultural background, sexual orientation and disability.\n\n"
     "NATO welcomes applications from nationals of all member countries and strongly encourages women, as well as people with disabilities, to apply. Selection is based on merit alone: there are no nationality or gender quotas.",
     "L'OTAN s'engage à promouvoir et à entretenir un environnement de travail positif, fondé sur l'équité, la confiance et le respect d'autrui, avec une tolérance zéro pour les comportements inappropriés, dont toute forme de harcèlement, d'intimidation ou de discrimination.\n\n"
     "L'OTAN s'engage en faveur de la diversité et de l'inclusion, et s'efforce d'offrir un accès égal à l'emploi, à l'avancement et au maintien dans l'emploi, indépendamment du genre, de l'âge, de la nationalité, de l'origine ethnique, de la religion ou des convictions, du milieu culturel, de l'orientation sexuelle et du handicap.\n\n"
     "L'OTAN accueille les candidatures des ressortissants de tous les pays membres et encourage vivement les femmes ainsi que les personnes handicapées à postuler. La sélection se fait uniquement sur le mérite : il n'y a pas de quotas de nationalité ou de genre."),
]


def seed(apps, schema_editor):
    StipendRate = apps.get_model("content", "StipendRate")
    FaqTopic = apps.get_model("content", "FaqTopic")
    FaqEntry = apps.get_model("content", "FaqEntry")
    Page = apps.get_model("content", "Page")
    StipendRate.objects.get_or_create(year=2025, defaults={"monthly_amount": Decimal("1286.00")})
    topics = {}
    for order, (slug, en, fr) in enumerate(TOPICS):
        topics[slug], _ = FaqTopic.objects.get_or_create(
            slug=slug, defaults={"title_en": en, "title_fr": fr, "order": order}
        )
    for order, (topic, slug, q_en, q_fr, a_en, a_fr) in enumerate(ENTRIES):
        FaqEntry.objects.get_or_create(
            slug=slug,
            defaults={"topic": topics[topic], "question_en": q_en, "question_fr": q_fr,
                      "answer_en": a_en, "answer_fr": a_fr, "order": order},
        )
    for slug, t_en, t_fr, b_en, b_fr in PAGES:
        Page.objects.get_or_create(
            slug=slug, defaults={"title_en": t_en, "title_fr": t_fr, "body_en": b_en, "body_fr": b_fr}
        )


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
