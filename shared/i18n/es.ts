import type { BodyPart, Phrasebook } from './phrasebook';

const PART: Record<BodyPart, string> = { front: 'la parte delantera', middle: 'la parte central', back: 'la parte trasera' };

/**
 * Spanish (usted), the same content as the English text, to be reviewed by a clinician who speaks
 * Spanish. Only the measured wording says "su" (the patient's own); the rest says "el hueso", "la
 * columna" so that an example is never presented as the patient's.
 */
export const ES: Phrasebook = {
  language: 'es',
  languageName: 'Español',
  possessive: /\b(su|sus|suyos?|suyas?|tu|tus|tuyos?|tuyas?)\b/i,
  procedureName: { vertebroplasty: 'Vertebroplastia', kyphoplasty: 'Cifoplastia', fusion: 'Fusión vertebral' },
  allOptions: 'Todas las opciones',
  spine: {
    measured: (f) => ({
      title: 'La columna, según la medición',
      caption:
        f.lossPercent >= 5
          ? `Esta es su columna, vista de lado. El hueso resaltado, ${f.level}, está roto y aplastado. Según la medición en ${f.where}, su ${PART[f.part].replace(/^la /, '')} mide ${f.heightMm.toFixed(0)} mm: alrededor de un ${f.lossPercent} % menos de lo que debería.`
          : `Esta es su columna, vista de lado. El hueso resaltado es ${f.level}. Según la medición en ${f.where}, la altura es casi normal.`,
    }),
    example: (f) => ({
      title: 'Una columna de ejemplo',
      caption:
        f.lossPercent >= 5
          ? `Este es un ejemplo de columna, vista de lado. El hueso resaltado, ${f.level}, muestra un hueso roto y aplastado. En este ejemplo, ${PART[f.part]} es alrededor de un ${f.lossPercent} % más baja de lo normal. No es una medición de una imagen.`
          : `Este es un ejemplo de columna, vista de lado. El hueso resaltado es ${f.level}. En este ejemplo la altura es casi normal. No es una medición de una imagen.`,
    }),
  },
  lyingProne: {
    title: 'Boca abajo',
    caption: 'Usted se acuesta boca abajo en una camilla acolchada. Puede recibir medicina por un suero para relajarse.',
  },
  xrayGuidance: {
    title: 'Guía con rayos X',
    caption: 'Imágenes de rayos X en directo muestran los huesos al médico. Guían cada movimiento.',
  },
  numbing: {
    title: 'Anestesia local',
    caption: 'El médico adormece la piel y el tejido hasta el hueso. Usted siente un pequeño pinchazo, luego presión pero no dolor.',
  },
  instrumentIn: (noun, bipedicular) => {
    const [one, two] = noun === 'needle' ? ['una aguja fina y hueca', 'dos agujas finas y huecas'] : ['un tubo fino y hueco', 'dos tubos finos y huecos'];
    return {
      title: noun === 'needle' ? (bipedicular ? 'Entran las agujas' : 'Entra la aguja') : bipedicular ? 'Entran los tubos' : 'Entra el tubo',
      caption: bipedicular
        ? `Por pequeños cortes, ${two}, uno a cada lado, pasan por una parte estrecha del hueso hasta el hueso roto.`
        : `Por un pequeño corte, ${one} pasa por una parte estrecha del hueso hasta el hueso roto.`,
    };
  },
  instrumentOut: (noun, bipedicular) => {
    const out = noun === 'needle' ? (bipedicular ? 'Se retiran las agujas' : 'Se retira la aguja') : bipedicular ? 'Se retiran los tubos' : 'Se retira el tubo';
    return { title: out, caption: `${out}. ${bipedicular ? 'Unas tiritas cubren los cortes' : 'Una tirita cubre el corte'}. No hacen falta puntos.` };
  },
  cementSets: {
    title: 'El cemento se endurece',
    caption: 'El cemento se endurece en pocos minutos, como una escayola dentro del hueso. Después usted descansa tumbado durante una hora. La mayoría de las personas se va a casa el mismo día.',
  },
  vertebroplasty: {
    cement: {
      title: 'El cemento llena el hueso',
      caption: 'El cemento óseo, una pasta espesa, se introduce despacio. Se reparte por las grietas del hueso roto.',
    },
    expect: {
      title: 'Qué esperar',
      caption: 'Muchas personas tienen menos dolor en uno o dos días. El hueso mantiene la forma: el objetivo es menos dolor y un hueso estable. El cemento puede salirse del hueso, casi siempre sin daño. Otro hueso puede romperse más adelante, por eso el tratamiento para fortalecer los huesos continúa.',
    },
  },
  kyphoplasty: {
    balloonInflate: (bipedicular) => ({
      title: 'El balón hace un espacio',
      caption: `Después, ${bipedicular ? 'un pequeño balón entra por cada tubo' : 'un pequeño balón entra por el tubo'} y se llena con cuidado. Aparta el hueso roto y blando para hacer un espacio. Puede levantar un poco el hueso aplastado.`,
    }),
    balloonOut: { title: 'Se retira el balón', caption: 'El balón se vacía y se retira. Deja un espacio dentro del hueso.' },
    cement: { title: 'El cemento llena el espacio', caption: 'Un cemento óseo espeso llena despacio el espacio. Mantiene el hueso con la nueva forma.' },
    expect: {
      title: 'Qué esperar',
      caption: 'Muchas personas tienen menos dolor en uno o dos días. El hueso queda un poco más alto, pero no vuelve a ser normal: el objetivo es menos dolor y un hueso estable. Un hueso más alto no significa menos dolor. El cemento puede salirse del hueso, casi siempre sin daño. Otro hueso puede romperse más adelante, por eso el tratamiento para fortalecer los huesos continúa.',
    },
  },
  fusion: {
    asleep: { title: 'Dormido, boca abajo', caption: 'Para esta operación usted está totalmente dormido. Está acostado boca abajo.' },
    screws: { title: 'Tornillos', caption: 'Unos tornillos atraviesan una parte estrecha del hueso de arriba y del hueso de abajo del hueso roto.' },
    rods: { title: 'Barras entre los tornillos', caption: 'Dos barras de metal unen los tornillos. Mantienen quieta esta parte de la columna mientras se cura.' },
    expect: {
      title: 'Qué esperar',
      caption: 'Es una operación más grande, con unos días en el hospital. Esta parte de la columna se doblará menos. Los riesgos incluyen infección, sangrado, lesión de un nervio y tornillos que se aflojan en un hueso débil.',
    },
  },
  handout: {
    title: (name) => `${name}: paso a paso`,
    boneMeasured: (f) => `Su hueso roto: ${f.level} (medido en ${f.where})`,
    boneExample: (f) => `Un ejemplo, no una medición: ${f.level}, ${PART[f.part]} alrededor de un ${f.lossPercent} % más baja de lo normal`,
    stepHeading: (n, count, title) => `Paso ${n} de ${count}: ${title}`,
    page: (n, count) => `Página ${n} de ${count}`,
  },
  screen: {
    liveXray: 'Rayos X en directo',
    disclaimer: 'Solo para educación e investigación. No sirve para diagnosticar ni para decidir un tratamiento.',
    language: 'Idioma',
    ownModelBuilding: (percent) => `Construyendo el modelo a partir del TAC… ${percent} %`,
    ownModelShown: (level) => `Modelo construido con este TAC: ${level} y las vértebras vecinas`,
    ownModelFallback: (reason) =>
      `Se muestra un modelo dibujado: ${reason === 'too-coarse' ? 'los cortes del TAC están demasiado separados para un modelo' : reason === 'level-not-covered' ? 'el TAC no cubre el nivel medido' : 'no se pudo trazar el hueso en este TAC'}.`,
  },
  overview: {
    heading: 'Las opciones',
    lead: 'La mayoría de los huesos rotos de la columna se curan solos en unas semanas. Se elija lo que se elija, el tratamiento para fortalecer los huesos ayuda a evitar la próxima fractura.',
    kinds: { 'non-surgical': 'Sin cirugía', procedure: 'Procedimiento pequeño', operation: 'Operación' },
    options: {
      rest: {
        name: 'Reposo y actividad suave',
        whatItIs: 'Un reposo corto, después caminar y hacer ejercicio suave según el dolor lo permita, a menudo con un fisioterapeuta.',
        goodPoints: ['La mayoría de los huesos rotos de la columna se curan solos en 6 a 12 semanas.', 'Sin operación.'],
        downsides: ['El dolor puede durar semanas.', 'Mucho tiempo en cama debilita los músculos y los huesos, por eso el reposo es corto.'],
      },
      'pain-medicine': {
        name: 'Medicina para el dolor',
        whatItIs: 'Pastillas como el paracetamol y, a veces, medicinas más fuertes durante poco tiempo.',
        goodPoints: ['Hace más fácil moverse y dormir mientras el hueso se cura.'],
        downsides: ['Las medicinas más fuertes pueden causar sueño, estreñimiento y caídas.'],
      },
      'bone-strengthening': {
        name: 'Tratamiento para fortalecer los huesos',
        whatItIs: 'Medicinas, calcio y vitamina D que hacen los huesos más fuertes, se elija lo que se elija.',
        goodPoints: ['Baja la probabilidad de otra fractura.'],
        downsides: ['Funciona en meses, no en días.', 'Cada medicina tiene efectos secundarios que hay que hablar.'],
      },
      brace: {
        name: 'Un corsé',
        whatItIs: 'Un soporte alrededor del cuerpo durante algunas semanas.',
        goodPoints: ['Puede aliviar el dolor al estar de pie y al caminar.'],
        downsides: ['Puede ser incómodo y dar calor.', 'El beneficio no es seguro.'],
      },
      vertebroplasty: {
        name: 'Vertebroplastia',
        whatItIs: 'Se inyecta cemento óseo en el hueso roto a través de una aguja.',
        goodPoints: ['A menudo menos dolor en uno o dos días.', 'Dura una hora, a menudo con alta el mismo día.'],
        downsides: ['La forma del hueso cambia poco.', 'El cemento puede salirse del hueso, casi siempre sin daño.', 'Otro hueso puede romperse más adelante.'],
      },
      kyphoplasty: {
        name: 'Cifoplastia',
        whatItIs: 'Un pequeño balón hace un espacio en el hueso roto y luego el cemento lo llena.',
        goodPoints: ['A menudo menos dolor en uno o dos días.', 'Puede levantar un poco el hueso aplastado.'],
        downsides: ['El hueso no vuelve a la altura normal.', 'El cemento puede salirse del hueso, casi siempre sin daño.', 'Otro hueso puede romperse más adelante.'],
      },
      fusion: {
        name: 'Fusión vertebral',
        whatItIs: 'Tornillos y barras mantienen unidos los huesos de arriba y de abajo de la fractura.',
        goodPoints: ['Da estabilidad a una columna inestable.', 'Puede quitar presión a los nervios.'],
        downsides: ['Una operación más grande, con unos días en el hospital.', 'Esa parte de la columna se dobla menos.', 'Infección, sangrado, lesión de un nervio, tornillos flojos en un hueso débil.'],
      },
    },
  },
};
