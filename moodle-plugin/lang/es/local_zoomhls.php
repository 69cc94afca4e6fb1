<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

/**
 * Spanish strings for local_zoomhls.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['accessmode'] = 'Modo de acceso';
$string['accessmode_desc'] = 'Por curso: al entrar, el usuario recibe cookies para cada curso que puede ver (hasta 12; los demás las reciben al abrir su página). Todo el sitio: un solo juego de cookies abre todas las grabaciones, como la herramienta original.';
$string['accessmodecourse'] = 'Por curso';
$string['accessmodesite'] = 'Todo el sitio';
$string['cachedef_issuedcookies'] = 'Cookies entregadas a cada usuario, para caducarlas al salir';
$string['cdnbaseurl'] = 'URL base del CDN';
$string['cdnbaseurl_desc'] = 'El mismo valor que ZOOMHLS_CDN_BASE_URL del sidecar, p. ej. https://media.example.edu.';
$string['check'] = 'Comprobación';
$string['checkaccess'] = 'Cookies de /v1/access';
$string['checkaccess401'] = 'El sidecar rechazó el token: el secreto compartido no coincide con ZOOMHLS_MOODLE_SECRET, o los relojes de las dos máquinas difieren en minutos. ({$a})';
$string['checkaccess403'] = 'El sidecar rechazó este sitio: ZOOMHLS_MOODLE_SECRET no está definido allí, o ZOOMHLS_MOODLE_ORIGINS no incluye {$a->origin}. ({$a->detail})';
$string['checkaccess404'] = 'El sidecar no tiene el punto /v1/access: ¿es la URL del sidecar zoomhls y está actualizado?';
$string['checkaccessbad'] = 'El sidecar no entregó cookies: {$a}';
$string['checkaccessok'] = 'El sidecar entregó {$a->count} cookies válidas hasta {$a->expires}.';
$string['checkcookiedomain'] = 'Dominio de las cookies';
$string['checkdomainbad'] = 'El dominio {$a->domain} no contiene el host de este sitio {$a->host}: los navegadores ignorarán las cookies. Use el dominio padre común a Moodle y al CDN.';
$string['checkdomainhostonly'] = 'Sin dominio: las cookies son solo de este host, así que el CDN debe servirse desde el mismo host.';
$string['checkdomainok'] = 'Las cookies se entregan para {$a}.';
$string['checkhealthbad'] = 'El sidecar respondió a /healthz con HTTP {$a->status}: {$a->detail}';
$string['checkhealthok'] = 'El sidecar está en marcha y sano.';
$string['checkhealthz'] = 'Salud del sidecar (/healthz)';
$string['checknosecret'] = 'El secreto compartido está vacío.';
$string['checknourl'] = 'La URL del sidecar está vacía.';
$string['checkrepository'] = 'Repositorios de curso';
$string['checkrepositoryok'] = '{$a} carpetas de curso tienen su instancia de repositorio.';
$string['checksettings'] = 'Ajustes';
$string['checksettingsok'] = 'La URL del sidecar y el secreto compartido están definidos.';
$string['checkunreachable'] = 'No se pudo contactar con el sidecar en {$a->url}: {$a->detail}';
$string['cookiedomain'] = 'Dominio de las cookies';
$string['cookiedomain_desc'] = 'Atributo Domain de las cookies de CloudFront, p. ej. .example.edu. Vacío: cookies solo de este host.';
$string['cookielifetime'] = 'Intervalo de renovación de cookies';
$string['cookielifetime_desc'] = 'Pasado este tiempo, la siguiente página de curso pide cookies nuevas al sidecar aunque las anteriores no hayan caducado.';
$string['ok'] = 'Correcto';
$string['playerdenied'] = 'No tiene acceso a esta grabación.';
$string['playerlogin'] = 'Volver a entrar';
$string['playersessionended'] = 'Su sesión ha terminado. Vuelva a entrar para seguir viendo.';
$string['pluginname'] = 'Grabaciones de Zoom (HLS)';
$string['privacy:metadata:sidecar'] = 'Para dar acceso al navegador a las grabaciones, el complemento pide cookies firmadas al sidecar zoomhls.';
$string['privacy:metadata:sidecar:courseids'] = 'Los identificadores de los cursos que el usuario puede ver.';
$string['privacy:metadata:sidecar:userid'] = 'El identificador del usuario.';
$string['problem'] = 'Problema';
$string['repositoryname'] = 'Grabaciones de Zoom';
$string['repositorysubdir'] = 'Carpeta del repositorio';
$string['repositorysubdir_desc'] = 'Carpeta bajo moodledata/repository/ donde el sidecar escribe las listas (ZOOMHLS_REPOSITORY_DIR).';
$string['result'] = 'Resultado';
$string['sharedsecret'] = 'Secreto compartido';
$string['sharedsecret_desc'] = 'El mismo valor que ZOOMHLS_MOODLE_SECRET del sidecar (al menos 32 caracteres).';
$string['sidecarurl'] = 'URL del sidecar';
$string['sidecarurl_desc'] = 'URL base del sidecar zoomhls tal como la alcanza el servidor de Moodle, p. ej. http://127.0.0.1:8787.';
$string['syncnofolder'] = 'La carpeta del repositorio {$a} aún no existe (el sidecar la crea con la primera grabación).';
$string['syncnosubdir'] = 'El ajuste de carpeta del repositorio está vacío o no es válido.';
$string['syncnotype'] = 'El repositorio Sistema de archivos no está activado (Administración del sitio > Extensiones > Repositorios > Gestionar repositorios).';
$string['tasksyncrepositories'] = 'Crear instancias de repositorio Sistema de archivos para las carpetas de grabaciones de cada curso';
$string['timeout'] = 'Tiempo de espera del sidecar (segundos)';
$string['timeout_desc'] = 'Espera máxima al sidecar, conexión incluida. Un inicio de sesión espera como mucho esto si el sidecar no responde.';
$string['testconnection'] = 'Probar conexión';
$string['watermark'] = 'Marca de agua';
$string['watermark_desc'] = 'Muestra un texto móvil con el nombre del espectador sobre el vídeo.';
$string['watermarktemplate'] = 'Texto de la marca de agua';
$string['watermarktemplate_desc'] = 'Marcadores: {fullname}, {idnumber}, {username}, {email}, {userid}.';
