<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>AlertRules</name>
    <message>
        <location filename="../engine/monitor/AlertRules.cpp" line="+65"/>
        <source>Names are lower-case letters, digits and &apos;-&apos; (the cluster may hold &apos;.&apos;).</source>
        <translation>Имена — строчные буквы, цифры и «-» (в имени кластера может быть «.»).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a namespace name</source>
        <translation>«%1» — не имя пространства имён</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a cluster name</source>
        <translation>«%1» — не имя кластера</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--cluster needs its namespace</source>
        <translation>--cluster нужно его пространство имён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add -n NAMESPACE: two clusters of one name may live in two namespaces.</source>
        <translation>Добавьте -n NAMESPACE: два кластера с одним именем могут жить в двух пространствах имён.</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>&quot;%1&quot; is not a duration</source>
        <translation>«%1» — не длительность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a number and one unit: 90m, 24h, 2d, 1w.</source>
        <translation>Напишите число и одну единицу: 90m, 24h, 2d, 1w.</translation>
    </message>
</context>
<context>
    <name>AlertsCommand</name>
    <message>
        <location filename="../src/cli/AlertsCommand.cpp" line="+38"/>
        <source>unknown alerts command &apos;%1&apos;</source>
        <translation>неизвестная команда alerts «%1»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: tideline-cli alerts %1</source>
        <translation>Использование: tideline-cli alerts %1</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>--wal-ready takes a number of segments from 1 to 1000000</source>
        <translation>--wal-ready принимает число сегментов от 1 до 1000000</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example --wal-ready 10.</source>
        <translation>Например, --wal-ready 10.</translation>
    </message>
    <message>
        <location filename="../src/cli/AlertsCommand.h" line="+27"/>
        <source>the runbook&apos;s backup and archiving alerts as a PrometheusRule (the CNPG chart ships none)</source>
        <translation>оповещения регламента о резервных копиях и архивировании в виде PrometheusRule (в чарте CNPG их нет)</translation>
    </message>
</context>
<context>
    <name>AppOptions</name>
    <message>
        <location filename="../src/app/AppOptions.cpp" line="+14"/>
        <source>S3 endpoint, e.g. https://&lt;account&gt;.r2.cloudflarestorage.com.</source>
        <translation>Эндпоинт S3, например https://&lt;account&gt;.r2.cloudflarestorage.com.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AWS profile for credentials and region.</source>
        <translation>Профиль AWS с учётными данными и регионом.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Region (auto for R2).</source>
        <translation>Регион (auto для R2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Render --view to a PNG once its data has loaded, then exit.</source>
        <translation>Отрисовать --view в PNG, когда данные загрузятся, и выйти.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The view to render: %1.</source>
        <translation>Какой вид отрисовать: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show this help.</source>
        <translation>Показать эту справку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interface language: %1 (default: the one chosen in View &gt; Language, else the system&apos;s).</source>
        <translation>Язык интерфейса: %1 (по умолчанию выбранный в меню Вид &gt; Язык, иначе системный).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the version.</source>
        <translation>Показать версию.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kubeconfig to read (default: KUBECONFIG, else ~/.kube/config).</source>
        <translation>kubeconfig для чтения (по умолчанию KUBECONFIG, иначе ~/.kube/config).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kubeconfig context for a cnpg:// SOURCE_URL.</source>
        <translation>контекст kubeconfig для SOURCE_URL вида cnpg://.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tideline: Barman Cloud backups of CloudNativePG clusters.</source>
        <translation>Tideline: резервные копии Barman Cloud кластеров CloudNativePG.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>s3://bucket/path (CNPG&apos;s destinationPath), or cnpg://NAMESPACE/CLUSTER.</source>
        <translation>s3://бакет/путь (destinationPath в CNPG) или cnpg://NAMESPACE/CLUSTER.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>--view cluster goes with a cnpg://NAMESPACE/CLUSTER source, and only it.</source>
        <translation>--view cluster идёт только с источником cnpg://NAMESPACE/CLUSTER.</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>CNPG&apos;s serverName (default: the first one found).</source>
        <translation>serverName из CNPG (по умолчанию первый найденный).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Run tideline --help for the options.</source>
        <translation>Параметры: tideline --help.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Too many arguments: %1</source>
        <translation>Лишние аргументы: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown view &apos;%1&apos;.</source>
        <translation>Неизвестный вид &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--view is one of %1.</source>
        <translation>--view принимает одно из: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown language &apos;%1&apos;.</source>
        <translation>Неизвестный язык &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--language is one of %1.</source>
        <translation>--language принимает одно из: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--screenshot needs a SOURCE_URL.</source>
        <translation>Для --screenshot нужен SOURCE_URL.</translation>
    </message>
</context>
<context>
    <name>ArchiverCommand</name>
    <message>
        <location filename="../src/cli/ArchiverCommand.cpp" line="+85"/>
        <source>last %1 at %2</source>
        <extracomment>%1 a count, %2 a WAL file name, %3 a time</extracomment>
        <translation>последний %1 в %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>archived</source>
        <translation>заархивировано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>ошибок</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>writing</source>
        <extracomment>%1 a WAL file name, %2 an LSN, %3 a timeline number</extracomment>
        <translation>пишется</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 at %2 (timeline %3)</source>
        <translation>%1 на %2 (линия времени %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting</source>
        <translation>ждут</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (oldest %2, %3)</source>
        <extracomment>%1 a count of WAL files, %2 the oldest one&apos;s name, %3 its age</extracomment>
        <translation>%1 (старейший %2, %3)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>bucket</source>
        <extracomment>%1 a source URL, %2 a server name</extracomment>
        <translation>бакет</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1, server %2</source>
        <translation>%1, сервер %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bucket&apos;s last WAL</source>
        <translation>последний WAL в бакете</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (uploaded %2)</source>
        <translation>%1 (загружен %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not in bucket</source>
        <extracomment>%1 a count of segments, %2 a size, %3 a count of finished segments</extracomment>
        <translation>нет в бакете</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 segment(s), %2 (%3 finished)</source>
        <translation>сегментов: %1, %2 (завершённых: %3)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ALERT %1 %2: %3. Hint: %4</source>
        <extracomment>%1 severity, %2 the alert&apos;s name, %3 what is wrong, %4 what to check</extracomment>
        <translation>ТРЕВОГА %1 %2: %3. Подсказка: %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no archiving alert fires</source>
        <translation>тревог архивации нет</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>--max-behind takes a number of finished segments from 0 to 1000000</source>
        <translation>--max-behind принимает число завершённых сегментов от 0 до 1000000</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example --max-behind 10.</source>
        <translation>Например, --max-behind 10.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>SERVER is given without --source</source>
        <translation>SERVER указан без --source</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>Usage: tideline-cli archiver %1</source>
        <translation>Использование: tideline-cli archiver %1</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>the connection string holds a password, which any user of this machine can read in the process list; use ~/.pgpass, PGPASSFILE, PGPASSWORD or a service file</source>
        <translation>строка подключения содержит пароль, который любой пользователь этой машины увидит в списке процессов; используйте ~/.pgpass, PGPASSFILE, PGPASSWORD или файл служб</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--source needs the SERVER whose WAL to look for</source>
        <translation>для --source нужен SERVER, чей WAL искать</translation>
    </message>
    <message>
        <location filename="../src/cli/ArchiverCommand.h" line="+31"/>
        <source>pg_stat_archiver, the WAL being written, and what the bucket lacks of it</source>
        <translation>pg_stat_archiver, записываемый WAL и то, чего из него нет в бакете</translation>
    </message>
</context>
<context>
    <name>ArchiverHealth</name>
    <message>
        <location filename="../engine/monitor/ArchiverHealth.cpp" line="+32"/>
        <source>archive_mode is off: this server archives no WAL, so no point in time after its last backup can be restored</source>
        <translation>archive_mode выключен: сервер не архивирует WAL, поэтому восстановить момент после его последней резервной копии нельзя</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>role %1 may not list pg_wal/archive_status: WAL waiting to be archived is unknown (GRANT pg_monitor TO %1)</source>
        <translation>роли %1 нельзя читать pg_wal/archive_status: сколько WAL ждёт архивации, неизвестно (GRANT pg_monitor TO %1)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>archiving is failing: %1 failed after the last success (%2 failures since the statistics were reset)</source>
        <extracomment>%1 a WAL file name, %2 a count of failures</extracomment>
        <translation>архивация не работает: %1 не удалось заархивировать после последнего успеха (%2 ошибок с момента сброса статистики)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read the server&apos;s log for archive_command&apos;s error; check the bucket&apos;s credentials, endpoint and free space.</source>
        <translation>Найдите ошибку archive_command в журнале сервера; проверьте учётные данные бакета, адрес и свободное место.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 WAL files are waiting to be archived (more than %2)</source>
        <extracomment>%1 a count of WAL files, %2 the threshold</extracomment>
        <translation>%1 файлов WAL ждут архивации (больше %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Archiving is slower than WAL is written, or failing: compare pg_stat_archiver&apos;s counts over a minute.</source>
        <translation>Архивация отстаёт от записи WAL или не работает: сравните счётчики pg_stat_archiver за минуту.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>WAL is waiting and nothing was archived for %1</source>
        <extracomment>%1 a duration</extracomment>
        <translation>WAL ждёт, а архивации не было уже %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ever</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A primary lost now loses that much WAL. Check the archiver and the bucket.</source>
        <translation>Если сейчас потерять ведущий сервер, пропадёт столько WAL. Проверьте архиватор и бакет.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the bucket lacks %1 finished WAL segments (%2 written in all) after %3</source>
        <extracomment>%1 a count of segments, %2 a size, %3 a WAL file name</extracomment>
        <translation>в бакете нет %1 завершённых сегментов WAL (всего записано %2) после %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>If the primary were lost now, that WAL would be lost with it. Check the archiver, and that archive_command writes to this bucket and server name.</source>
        <translation>Если сейчас потерять ведущий сервер, этот WAL пропадёт вместе с ним. Проверьте архиватор и то, что archive_command пишет в этот бакет и под этим именем сервера.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the bucket holds no WAL segment of this server up to its current one (%1)</source>
        <translation>в бакете нет ни одного сегмента WAL этого сервера до текущего (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>PostgreSQL says it archived %1, but the bucket has no such object under this server</source>
        <extracomment>%1 a WAL file name</extracomment>
        <translation>PostgreSQL сообщает, что заархивировал %1, но в бакете у этого сервера такого объекта нет</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>archive_command writes elsewhere: another bucket, path or serverName (in CNPG, the serverName of the cluster&apos;s backup or plugin configuration).</source>
        <translation>archive_command пишет в другое место: другой бакет, путь или serverName (в CNPG — serverName в настройках резервного копирования кластера или плагина).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the bucket holds %1, beyond the server&apos;s current WAL %2: another server archives under this name, or this one went back without a new timeline</source>
        <translation>в бакете есть %1, дальше текущего WAL сервера %2: под этим именем архивирует другой сервер, или этот вернулся назад без новой линии времени</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>archiving alert: %1</source>
        <translation>тревога архивирования: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>archiving alert: %1; %2</source>
        <translation>тревога архивирования: %1; %2</translation>
    </message>
</context>
<context>
    <name>ArchiverProbe</name>
    <message>
        <location filename="../engine/monitor/ArchiverProbe.cpp" line="+43"/>
        <source>out of memory</source>
        <translation>не хватает памяти</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>expected one row, got %1</source>
        <translation>ожидалась одна строка, получено %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>PostgreSQL refused the connection: %1</source>
        <translation>PostgreSQL отказал в подключении: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the role, the database and pg_hba.conf; give the password in ~/.pgpass, PGPASSFILE or a service file, not on the command line.</source>
        <translation>Проверьте роль, базу данных и pg_hba.conf; пароль задайте в ~/.pgpass, PGPASSFILE или файле служб, а не в командной строке.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot connect to PostgreSQL: %1</source>
        <translation>не удаётся подключиться к PostgreSQL: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Is the server running and reachable? Check host and port (or PGHOST, PGPORT, PGSERVICE); in Kubernetes, use the -rw service of the cluster.</source>
        <translation>Сервер запущен и доступен? Проверьте узел и порт (или PGHOST, PGPORT, PGSERVICE); в Kubernetes используйте службу -rw кластера.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>not a PostgreSQL connection string: %1</source>
        <translation>это не строка подключения PostgreSQL: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give key=value pairs (&quot;host=db port=5432 user=monitor dbname=postgres&quot;) or a URI (postgresql://monitor@db/postgres).</source>
        <translation>Укажите пары ключ=значение (&quot;host=db port=5432 user=monitor dbname=postgres&quot;) или URI (postgresql://monitor@db/postgres).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>libpq could not allocate a connection</source>
        <translation>libpq не смогла создать подключение</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>reading pg_stat_archiver failed: %1</source>
        <translation>не удалось прочитать pg_stat_archiver: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GRANT pg_monitor TO the role the probe connects as.</source>
        <translation>Выполните GRANT pg_monitor для роли, под которой подключается проверка.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>this server is a standby: its pg_stat_archiver counts only what it archives itself, and it writes no WAL of its own</source>
        <translation>это резервный сервер: его pg_stat_archiver считает только то, что он архивирует сам, а своего WAL он не пишет</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connect to the primary (in CNPG, the cluster&apos;s -rw service).</source>
        <translation>Подключитесь к ведущему серверу (в CNPG — служба -rw кластера).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect to the primary: this standby follows %1 (in CNPG, use the cluster&apos;s -rw service).</source>
        <translation>Подключитесь к ведущему серверу: этот резервный следует за %1 (в CNPG используйте службу -rw кластера).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the server reports a wal_segment_size of &apos;%1&apos;</source>
        <translation>сервер сообщает wal_segment_size &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the server&apos;s current WAL position &apos;%1&apos; (%2) does not parse</source>
        <translation>текущая позиция WAL сервера &apos;%1&apos; (%2) не разбирается</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the server&apos;s current WAL file %1 does not fit its wal_segment_size %2</source>
        <translation>текущий файл WAL сервера %1 не соответствует его wal_segment_size %2</translation>
    </message>
</context>
<context>
    <name>BackupFiles</name>
    <message>
        <location filename="../engine/catalog/BackupFiles.cpp" line="+38"/>
        <source>%1 is not a name barman-cloud writes</source>
        <translation>%1 — не имя, которое пишет barman-cloud</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 and %2 are the same tar part under two compressions</source>
        <translation>%1 и %2 — одна и та же часть tar в двух видах сжатия</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the data tar (data.tar) is missing</source>
        <translation>нет tar-архива данных (data.tar)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the tar of tablespace %1 (%2.tar) is missing</source>
        <translation>нет tar-архива табличного пространства %1 (%2.tar)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1.tar belongs to no tablespace in backup.info</source>
        <translation>%1.tar не относится ни к одному табличному пространству из backup.info</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1.tar, the first part, is missing</source>
        <translation>нет первой части, %1.tar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>part %1 of %2 is missing (%2_%3.tar), though part %4 is there</source>
        <translation>нет части %1 архива %2 (%2_%3.tar), хотя часть %4 есть</translation>
    </message>
</context>
<context>
    <name>BackupInfo</name>
    <message>
        <location filename="../engine/catalog/BackupInfo.cpp" line="+66"/>
        <source>backup.info of backup %1 is unreadable: %2</source>
        <translation>backup.info резервной копии %1 не читается: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file may be truncated or damaged; compare it with barman-cloud-backup-list and take a new backup if it cannot be repaired</source>
        <translation>Файл может быть обрезан или повреждён; сравните его с выводом barman-cloud-backup-list и сделайте новую резервную копию, если его не удастся исправить</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it is not UTF-8 text</source>
        <translation>это не текст UTF-8</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>line %1 is not key=value</source>
        <translation>строка %1 не в формате key=value</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it is empty</source>
        <translation>файл пуст</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 is not a number</source>
        <translation>%1 — не число</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>it has no status line</source>
        <translation>в нём нет строки status</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 &apos;%2&apos; is not a time</source>
        <translation>%1 &apos;%2&apos; — не время</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 &apos;%2&apos; is not an LSN</source>
        <translation>%1 &apos;%2&apos; — не LSN</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>tablespaces entries must be (name, oid, location)</source>
        <translation>записи tablespaces должны иметь вид (name, oid, location)</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>backup_label has no START WAL LOCATION line</source>
        <translation>в backup_label нет строки START WAL LOCATION</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backup_label starts at %1 (%2), backup.info at %3 (%4)</source>
        <translation>backup_label начинается в %1 (%2), backup.info — в %3 (%4)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>backup_label is on timeline %1, backup.info on %2</source>
        <translation>backup_label на линии времени %1, backup.info — на %2</translation>
    </message>
</context>
<context>
    <name>BackupsCommand</name>
    <message>
        <location filename="../src/cli/BackupsCommand.cpp" line="+28"/>
        <source>BACKUP ID</source>
        <translation>ID КОПИИ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NAME</source>
        <translation>ИМЯ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>STATUS</source>
        <translation>СТАТУС</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BEGIN</source>
        <translation>НАЧАЛО</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>END</source>
        <translation>КОНЕЦ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TL</source>
        <extracomment>timeline column header (TLI)</extracomment>
        <translation>TL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BEGIN WAL</source>
        <translation>WAL НАЧАЛА</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>END WAL</source>
        <translation>WAL КОНЦА</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SIZE</source>
        <translation>РАЗМЕР</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PG</source>
        <extracomment>PostgreSQL major version column header</extracomment>
        <translation>PG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>COMPR</source>
        <extracomment>compression column header (abbreviated)</extracomment>
        <translation>СЖАТИЕ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>KEEP</source>
        <translation>ХРАНИТЬ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>RESTORABLE</source>
        <translation>ВОССТАНОВИМА</translation>
    </message>
    <message>
        <location filename="../src/cli/BackupsCommand.h" line="+14"/>
        <source>the backup catalog</source>
        <translation>каталог резервных копий</translation>
    </message>
</context>
<context>
    <name>ChartStyle</name>
    <message>
        <location filename="../src/views/ChartStyle.cpp" line="+88"/>
        <source>MMM d HH:mm</source>
        <comment>date format</comment>
        <extracomment>A QDateTime format for a chart axis spanning hours to two days: the month&apos;s short name (MMM), day (d), hour and minute, in the language&apos;s order (&quot;d MMM HH:mm&quot;).</extracomment>
        <translation>d MMM HH:mm</translation>
    </message>
</context>
<context>
    <name>ClusterArchiving</name>
    <message>
        <location filename="../engine/monitor/ClusterArchiving.cpp" line="+110"/>
        <source>the instance&apos;s status does not say it is the primary</source>
        <translation>статус экземпляра не говорит, что он ведущий</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A switchover may be under way: read the cluster again.</source>
        <translation>Возможно, идёт переключение: прочитайте кластер ещё раз.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the primary&apos;s status gives no usable WAL position (&apos;%1&apos;, &apos;%2&apos;)</source>
        <translation>статус ведущего не даёт пригодной позиции WAL (&apos;%1&apos;, &apos;%2&apos;)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>Check the instance manager&apos;s version (kubectl cnpg status).</source>
        <translation>Проверьте версию менеджера экземпляра (kubectl cnpg status).</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>the primary&apos;s current WAL %1 does not fit its LSN %2</source>
        <translation>текущий WAL ведущего %1 не соответствует его LSN %2</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>status.instanceNames holds &apos;%1&apos;, which is not a pod name: skipped</source>
        <translation>в status.instanceNames есть &apos;%1&apos;, это не имя пода: пропущено</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cluster %1/%2 lists no instance</source>
        <translation>у кластера %1/%2 нет ни одного экземпляра</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its status has neither instanceNames nor currentPrimary yet: is it still being created?</source>
        <translation>В его статусе ещё нет ни instanceNames, ни currentPrimary: он ещё создаётся?</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the metrics of %1 do not parse: %2</source>
        <translation>метрики %1 не разбираются: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that port 9187 of the pod is CNPG&apos;s instance manager.</source>
        <translation>Проверьте, что на порту 9187 пода работает менеджер экземпляра CNPG.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the status of %1 is not JSON</source>
        <translation>статус %1 — не JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that port 8000 of the pod is CNPG&apos;s instance manager.</source>
        <translation>Проверьте, что на порту 8000 пода работает менеджер экземпляра CNPG.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading an instance&apos;s metrics needs &quot;get&quot; on pods/proxy in %1 (kubectl cnpg status needs it too): kubectl auth can-i get pods/proxy -n %1</source>
        <translation>Для чтения метрик экземпляра нужно право &quot;get&quot; на pods/proxy в %1 (оно нужно и kubectl cnpg status): kubectl auth can-i get pods/proxy -n %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the primary %1 could not be read: %2</source>
        <translation>не удалось прочитать ведущий %1: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the cluster names no current primary: archiving is read from no instance</source>
        <translation>у кластера нет текущего ведущего: архивация не читается ни с одного экземпляра</translation>
    </message>
</context>
<context>
    <name>ClusterComparison</name>
    <message>
        <location filename="../engine/k8s/ClusterComparison.cpp" line="+17"/>
        <location line="+66"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Backup %1 says completed, but backup %2 is not in %3 (server %4): nothing can be restored from it</source>
        <translation>Backup %1 отмечен как завершённый, но резервной копии %2 нет в %3 (сервер %4): восстановиться из неё нельзя</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>backup %1 is in the bucket but no Backup resource names it (taken outside Kubernetes, or its resource was deleted); it still counts for recovery</source>
        <translation>резервная копия %1 есть в бакете, но ни один ресурс Backup на неё не ссылается (сделана вне Kubernetes, или её ресурс удалён); при восстановлении она всё равно учитывается</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the cluster says the first point of recoverability is %1; the bucket&apos;s is %2</source>
        <translation>по данным кластера, первая точка восстановимости — %1; по данным бакета — %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the newest completed Backup resource is %1; the bucket&apos;s newest backup is %2</source>
        <translation>самый новый завершённый ресурс Backup — %1; самая новая резервная копия в бакете — %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>schedule &quot;%1&quot; does not parse: %2</source>
        <translation>не удаётся разобрать расписание &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 should have run at %2; its last run was %3</source>
        <translation>%1 должен был запуститься в %2; последний запуск: %3</translation>
    </message>
</context>
<context>
    <name>ClusterSource</name>
    <message>
        <location filename="../engine/k8s/ClusterSource.cpp" line="+39"/>
        <source>Write cnpg://NAMESPACE/CLUSTER, e.g. cnpg://db/pg-main.</source>
        <translation>Укажите cnpg://NAMESPACE/CLUSTER, например cnpg://db/pg-main.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a cnpg:// source</source>
        <translation>&quot;%1&quot; — не источник cnpg://</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; does not name a namespace and a cluster</source>
        <translation>&quot;%1&quot; не задаёт пространство имён и кластер</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>cluster %1 has no backup configured</source>
        <translation>у кластера %1 не настроено резервное копирование</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neither spec.backup.barmanObjectStore nor the %1 plugin is set on it.</source>
        <translation>В нём не задан ни spec.backup.barmanObjectStore, ни плагин %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cluster %1 uses the Barman Cloud plugin without a valid barmanObjectName</source>
        <translation>кластер %1 использует плагин Barman Cloud без допустимого barmanObjectName</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set spec.plugins[].parameters.barmanObjectName to its ObjectStore.</source>
        <translation>Укажите в spec.plugins[].parameters.barmanObjectName его ObjectStore.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>cluster %1 backs up to %2 storage, which Tideline cannot read</source>
        <translation>кластер %1 сохраняет резервные копии в хранилище %2, которое Tideline не умеет читать</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tideline reads S3-compatible stores (AWS S3, Cloudflare R2, MinIO, …).</source>
        <translation>Tideline читает S3-совместимые хранилища (AWS S3, Cloudflare R2, MinIO, …).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cluster %1 has destinationPath &quot;%2&quot;, which is not s3://</source>
        <translation>у кластера %1 destinationPath &quot;%2&quot;, а это не s3://</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>cluster %1 names a Secret &quot;%2&quot;, which is not a Kubernetes name</source>
        <translation>кластер %1 ссылается на Secret &quot;%2&quot;, имя которого недопустимо в Kubernetes</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Secret %1/%2 has no key %3</source>
        <translation>в Secret %1/%2 нет ключа %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the Secret the backup configuration names (kubectl describe secret).</source>
        <translation>Проверьте Secret, указанный в настройках резервного копирования (kubectl describe secret).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Secret %1/%2 key %3 is not base64</source>
        <translation>ключ %3 в Secret %1/%2 — не base64</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the cluster uses inheritFromIAMRole: Tideline reads the bucket with this desktop&apos;s own AWS credentials (environment or --profile)</source>
        <translation>кластер использует inheritFromIAMRole: Tideline читает бакет с собственными учётными данными AWS этого компьютера (окружение или --profile)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cluster %1 names no S3 credentials</source>
        <translation>у кластера %1 не указаны учётные данные S3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>s3Credentials needs accessKeyId and secretAccessKey, or inheritFromIAMRole.</source>
        <translation>В s3Credentials нужны accessKeyId и secretAccessKey либо inheritFromIAMRole.</translation>
    </message>
</context>
<context>
    <name>CnpgCluster</name>
    <message>
        <location filename="../engine/k8s/CnpgCluster.cpp" line="+160"/>
        <source>WAL archiving is failing: %1</source>
        <translation>архивирование WAL не работает: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the last backup failed: %1</source>
        <translation>последняя копия не удалась: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no backup is configured</source>
        <translation>резервное копирование не настроено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the operator has reported no status yet</source>
        <translation>оператор ещё не сообщил состояние</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 instances ready</source>
        <translation>готово экземпляров: %1 из %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no phase reported</source>
        <translation>фаза не сообщена</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../src/cli/CommandLine.cpp" line="+12"/>
        <source>See tideline-cli --help.</source>
        <translation>См. tideline-cli --help.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>option -n needs a namespace</source>
        <translation>параметру -n нужно пространство имён</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown option &apos;%1&apos;</source>
        <translation>неизвестный параметр &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>option --%1 needs a value</source>
        <translation>параметру --%1 нужно значение</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>unknown option &apos;--%1&apos;</source>
        <translation>неизвестный параметр &apos;--%1&apos;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no command given</source>
        <translation>не указана команда</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unknown command &apos;%1&apos;</source>
        <translation>неизвестная команда &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: tideline-cli %1 %2</source>
        <translation>Использование: tideline-cli %1 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+7"/>
        <source>option --%1 does not apply to &apos;%2&apos;</source>
        <translation>параметр --%1 не относится к команде &apos;%2&apos;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--helm-values takes the place of SOURCE_URL: leave %1 out</source>
        <translation>--helm-values заменяет SOURCE_URL: уберите %1</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>&apos;%1&apos; takes %n argument(s), got %2</source>
        <extracomment>%1 is the command, %n how many arguments it takes, %2 how many were given.</extracomment>
        <translation>
            <numerusform>&apos;%1&apos; принимает %n аргумент, получено: %2</numerusform>
            <numerusform>&apos;%1&apos; принимает %n аргумента, получено: %2</numerusform>
            <numerusform>&apos;%1&apos; принимает %n аргументов, получено: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>&apos;%1&apos; takes %2 to %n argument(s), got %3</source>
        <extracomment>%1 is the command, %2 to %n the range of arguments it takes, %3 how many were given.</extracomment>
        <translation>
            <numerusform>&apos;%1&apos; принимает от %2 до %n аргумента, получено: %3</numerusform>
            <numerusform>&apos;%1&apos; принимает от %2 до %n аргументов, получено: %3</numerusform>
            <numerusform>&apos;%1&apos; принимает от %2 до %n аргументов, получено: %3</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: %1</source>
        <translation>Использование: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reads Barman Cloud backups of CloudNativePG clusters in S3-compatible object stores.</source>
        <translation>Читает резервные копии Barman Cloud кластеров CloudNativePG в S3-совместимых объектных хранилищах.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commands:</source>
        <translation>Команды:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>S3 endpoint (default: AWS_ENDPOINT_URL, else AWS); R2: https://&lt;account&gt;.r2.cloudflarestorage.com</source>
        <translation>эндпоинт S3 (по умолчанию: AWS_ENDPOINT_URL, иначе AWS); R2: https://&lt;account&gt;.r2.cloudflarestorage.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>profile in ~/.aws/credentials and ~/.aws/config (default: AWS_PROFILE)</source>
        <translation>профиль в ~/.aws/credentials и ~/.aws/config (по умолчанию: AWS_PROFILE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signing region (default: AWS_REGION, the profile, else us-east-1; R2: auto)</source>
        <translation>регион подписи (по умолчанию: AWS_REGION, из профиля, иначе us-east-1; R2: auto)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>extra trusted CA certificates (PEM)</source>
        <translation>дополнительные доверенные сертификаты УЦ (PEM)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>path or virtual: how the bucket is named in requests (default: the profile&apos;s s3.addressing_style, else virtual on AWS, path elsewhere)</source>
        <translation>path или virtual: как бакет указывается в запросах (по умолчанию: s3.addressing_style профиля, иначе virtual на AWS и path в остальных случаях)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>do not verify the endpoint&apos;s certificate (unsafe)</source>
        <translation>не проверять сертификат эндпоинта (небезопасно)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kubeconfig for cnpg:// sources and k8s (default: KUBECONFIG, else ~/.kube/config)</source>
        <translation>kubeconfig для источников cnpg:// и k8s (по умолчанию: KUBECONFIG, иначе ~/.kube/config)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kubeconfig context (default: the current one)</source>
        <translation>контекст kubeconfig (по умолчанию: текущий)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>namespace for k8s (default: the context&apos;s)</source>
        <translation>пространство имён для k8s (по умолчанию: из контекста)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k8s: every namespace</source>
        <translation>k8s: все пространства имён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the cluster chart&apos;s values file (its backups: block) in place of SOURCE_URL</source>
        <translation>файл values чарта cluster (его блок backups:) вместо SOURCE_URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>print JSON for scripts</source>
        <translation>выводить JSON для скриптов</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Global options (before or after the command):</source>
        <translation>Общие параметры (до или после команды):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SOURCE_URL: s3://bucket[/path] (CNPG&apos;s destinationPath), file:///dir, or cnpg://NAMESPACE/CLUSTER
(the cluster&apos;s own bucket, credentials and serverName, read through the kubeconfig; SERVER may be left out)</source>
        <translation>SOURCE_URL: s3://bucket[/path] (destinationPath из CNPG), file:///dir или cnpg://NAMESPACE/CLUSTER
(собственные бакет, учётные данные и serverName кластера, прочитанные через kubeconfig; SERVER можно не указывать)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, or a profile.</source>
        <translation>Учётные данные: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN или профиль.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exit status: 0 ok, 1 not found, 2 usage, 3 network, 4 authentication, 5 bucket/server/backup not found,
6 corrupt data, 7 refused, 8 cancelled.</source>
        <translation>Код завершения: 0 успех, 1 не найдено, 2 неверный вызов, 3 сеть, 4 аутентификация, 5 нет бакета/сервера/копии,
6 повреждённые данные, 7 отказ, 8 отменено.</translation>
    </message>
</context>
<context>
    <name>ConnectionEditor</name>
    <message>
        <location filename="../ui/ConnectionEditor.ui" line="+9"/>
        <source>Object store</source>
        <translation>Объектное хранилище</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>shown in the sidebar; empty: the source URL</source>
        <translation>показывается в боковой панели; пусто: URL источника</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Endpoint URL:</source>
        <translation>URL &amp;эндпоинта:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>https://&lt;account&gt;.r2.cloudflarestorage.com (empty: AWS S3)</source>
        <translation>https://&lt;account&gt;.r2.cloudflarestorage.com (пусто: AWS S3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Bucket:</source>
        <translation>&amp;Бакет:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Path:</source>
        <translation>П&amp;уть:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CNPG destinationPath below the bucket, e.g. cnpg</source>
        <translation>destinationPath CNPG внутри бакета, напр. cnpg</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Region:</source>
        <translation>&amp;Регион:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>auto for R2; empty: from the environment or profile</source>
        <translation>auto для R2; пусто: из окружения или профиля</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source:</source>
        <translation>Источник:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Credentials</source>
        <translation>Учётные данные</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From the en&amp;vironment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or ~/.aws</source>
        <translation>Из &amp;окружения (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) или ~/.aws</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>AWS pro&amp;file:</source>
        <translation>&amp;Профиль AWS:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a profile of ~/.aws/credentials</source>
        <translation>профиль из ~/.aws/credentials</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access &amp;key ID:</source>
        <translation>ID &amp;ключа доступа:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Secret access key:</source>
        <translation>&amp;Секретный ключ:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Test connection</source>
        <translation>Про&amp;верить подключение</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Import Helm values…</source>
        <translation>&amp;Импорт значений Helm…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fill the fields from the values file of cloudnative-pg&apos;s cluster chart (its backups: block)</source>
        <translation>Заполнить поля из файла values чарта cluster от cloudnative-pg (его блок backups:)</translation>
    </message>
</context>
<context>
    <name>ConnectionProfile</name>
    <message>
        <location filename="../src/jobs/ConnectionProfile.cpp" line="+45"/>
        <source>No bucket given.</source>
        <translation>Бакет не указан.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the bucket of CNPG&apos;s destinationPath (s3://BUCKET/path).</source>
        <translation>Укажите бакет из destinationPath в CNPG (s3://BUCKET/path).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No AWS profile named.</source>
        <translation>Профиль AWS не указан.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter a profile of ~/.aws/credentials, or choose another credential source.</source>
        <translation>Укажите профиль из ~/.aws/credentials или выберите другой источник учётных данных.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No access key for this connection.</source>
        <translation>У этого подключения нет ключа доступа.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the connection and enter the access key id and secret.</source>
        <translation>Измените подключение и введите ID ключа доступа и секретный ключ.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The window opens s3:// sources only for now.</source>
        <translation>Окно пока открывает только источники s3://.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use tideline-cli for file:// sources.</source>
        <translation>Для источников file:// используйте tideline-cli.</translation>
    </message>
</context>
<context>
    <name>CronSchedule</name>
    <message>
        <location filename="../engine/k8s/CronSchedule.cpp" line="+47"/>
        <source>seconds</source>
        <translation>секунды</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>minutes</source>
        <translation>минуты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hours</source>
        <translation>часы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>day of month</source>
        <translation>день месяца</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>month</source>
        <translation>месяц</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>day of week</source>
        <translation>день недели</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CNPG reads six fields, seconds first: &quot;0 0 0 * * *&quot; is daily at midnight.</source>
        <translation>CNPG читает шесть полей, первое — секунды: &quot;0 0 0 * * *&quot; — ежедневно в полночь.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CNPG reads six fields, seconds first; five fields are &quot;second minute hour day-of-month month&quot;, not crontab&apos;s &quot;minute hour day-of-month month day-of-week&quot;.</source>
        <translation>CNPG читает шесть полей, первое — секунды; пять полей означают &quot;секунда минута час день-месяца месяц&quot;, а не &quot;минута час день-месяца месяц день-недели&quot;, как в crontab.</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>&quot;%1&quot; is missing a number</source>
        <translation>в &quot;%1&quot; не хватает числа</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+72"/>
        <location line="+4"/>
        <source>%1 is above the maximum, %2</source>
        <translation>%1 больше максимального значения %2</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+67"/>
        <source>%1 is below the minimum, %2</source>
        <translation>%1 меньше минимального значения %2</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>&quot;%1&quot; is neither a number nor a month name (JAN-DEC)</source>
        <translation>&quot;%1&quot; — не число и не название месяца (JAN-DEC)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is neither a number nor a day name (SUN-SAT)</source>
        <translation>&quot;%1&quot; — не число и не название дня недели (SUN-SAT)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; is not a number</source>
        <translation>&quot;%1&quot; — не число</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&quot;%1&quot; has more than one &quot;-&quot;</source>
        <translation>в &quot;%1&quot; больше одного &quot;-&quot;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&quot;%1&quot; has more than one &quot;/&quot;</source>
        <translation>в &quot;%1&quot; больше одного &quot;/&quot;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is missing its step</source>
        <translation>в &quot;%1&quot; не указан шаг</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the step &quot;%1&quot; is not a number</source>
        <translation>шаг &quot;%1&quot; — не число</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the step %1 is negative</source>
        <translation>шаг %1 отрицательный</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the step %1 is out of range</source>
        <translation>шаг %1 вне допустимого диапазона</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the range %1-%2 runs backwards</source>
        <translation>диапазон %1-%2 задан в обратном порядке</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the step must be at least 1</source>
        <translation>шаг должен быть не меньше 1</translation>
    </message>
    <message>
        <location line="+193"/>
        <source>The schedule is empty</source>
        <translation>Расписание пустое</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&quot;%1&quot; after @every is not a Go duration</source>
        <translation>&quot;%1&quot; после @every — не длительность в формате Go</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the interval with the units h, m and s after one space, as in &quot;@every 1h30m&quot; or &quot;@every 90s&quot;.</source>
        <translation>Запишите интервал с единицами h, m и s после одного пробела, например &quot;@every 1h30m&quot; или &quot;@every 90s&quot;.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;%1&quot; is not a schedule descriptor CNPG knows</source>
        <translation>&quot;%1&quot; — дескриптор расписания, неизвестный CNPG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CNPG knows @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly and &quot;@every&quot; with a duration, such as &quot;@every 1h30m&quot;, written in lower case without spaces around them.</source>
        <translation>CNPG знает @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly и &quot;@every&quot; с длительностью, например &quot;@every 1h30m&quot;; они пишутся строчными буквами и без пробелов вокруг.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The schedule is blank</source>
        <translation>Расписание состоит только из пробелов</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The schedule has %n field(s); CNPG reads six, seconds first, or five, leaving out the day of week</source>
        <translation>
            <numerusform>В расписании %n поле; CNPG читает шесть полей (первое — секунды) или пять, без дня недели</numerusform>
            <numerusform>В расписании %n поля; CNPG читает шесть полей (первое — секунды) или пять, без дня недели</numerusform>
            <numerusform>В расписании %n полей; CNPG читает шесть полей (первое — секунды) или пять, без дня недели</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>CNPG counts days of the week 0-6 or SUN-SAT, Sunday being 0 (not 7).</source>
        <translation>CNPG нумерует дни недели 0-6 или SUN-SAT, воскресенье — 0 (а не 7).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CNPG reads six fields, seconds first: crontab&apos;s &quot;%1&quot; is &quot;%2&quot; for CNPG.</source>
        <translation>CNPG читает шесть полей, первое — секунды: &quot;%1&quot; из crontab для CNPG записывается как &quot;%2&quot;.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Schedule field %1 (%2) is not valid: %3</source>
        <translation>Поле расписания %1 (%2) недопустимо: %3</translation>
    </message>
</context>
<context>
    <name>Decompressor</name>
    <message>
        <location filename="../engine/core/Decompressor.cpp" line="+44"/>
        <source>Corrupt %1 data: %2</source>
        <translation>Повреждённые данные %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The compressed file is damaged or truncated; check the object in the bucket.</source>
        <translation>Сжатый файл повреждён или обрезан; проверьте объект в бакете.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the stream ends before its end marker (truncated)</source>
        <translation>поток заканчивается раньше маркера конца (обрезан)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 decompressor: %2</source>
        <translation>распаковщик %1: %2</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>used after finish()</source>
        <translation>использован после finish()</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>unexpected data after the end of the gzip stream</source>
        <translation>неожиданные данные после конца потока gzip</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>invalid deflate block</source>
        <translation>недопустимый блок deflate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid deflate symbol</source>
        <translation>недопустимый символ deflate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid distance</source>
        <translation>недопустимое расстояние</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a gzip header</source>
        <translation>не заголовок gzip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unsupported compression method</source>
        <translation>неподдерживаемый метод сжатия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>checksum mismatch</source>
        <translation>несовпадение контрольной суммы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inflate error %1</source>
        <translation>ошибка inflate %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>BZ2_bzDecompressInit failed (%1)</source>
        <translation>сбой BZ2_bzDecompressInit (%1)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>unexpected data after the end of the bzip2 stream</source>
        <translation>неожиданные данные после конца потока bzip2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not bzip2 data (bad magic)</source>
        <translation>не данные bzip2 (неверная сигнатура)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>data error (bad block or CRC mismatch)</source>
        <translation>ошибка данных (неверный блок или несовпадение CRC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+75"/>
        <source>out of memory</source>
        <translation>недостаточно памяти</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>BZ2_bzDecompress returned %1</source>
        <translation>BZ2_bzDecompress вернула %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>lzma_stream_decoder failed (%1)</source>
        <translation>сбой lzma_stream_decoder (%1)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>lzma_code made no progress</source>
        <translation>lzma_code не продвинулась</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not xz data (bad magic)</source>
        <translation>не данные xz (неверная сигнатура)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unsupported stream options</source>
        <translation>неподдерживаемые параметры потока</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>data error (bad block, index or check)</source>
        <translation>ошибка данных (неверный блок, индекс или контрольная сумма)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the stream needs more than %1 MiB of memory to decompress</source>
        <translation>для распаковки потока нужно более %1 МиБ памяти</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lzma_code returned %1</source>
        <translation>lzma_code вернула %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>ZSTD_createDCtx failed (out of memory)</source>
        <translation>сбой ZSTD_createDCtx (недостаточно памяти)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>LZ4F_createDecompressionContext failed</source>
        <translation>сбой LZ4F_createDecompressionContext</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>LZ4F_decompress made no progress</source>
        <translation>LZ4F_decompress не продвинулась</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>missing stream identifier (not a snappy framed stream)</source>
        <translation>нет идентификатора потока (не кадрированный поток snappy)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bad stream identifier length</source>
        <translation>неверная длина идентификатора потока</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>bad compressed chunk length %1</source>
        <translation>неверная длина сжатого фрагмента: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bad uncompressed chunk length %1</source>
        <translation>неверная длина несжатого фрагмента: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>reserved unskippable chunk type 0x%1</source>
        <translation>зарезервированный непропускаемый тип фрагмента 0x%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>bad stream identifier</source>
        <translation>неверный идентификатор потока</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+12"/>
        <source>bad compressed chunk</source>
        <translation>неверный сжатый фрагмент</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>compressed chunk expands to %1 bytes (limit 65536)</source>
        <translation>сжатый фрагмент распаковывается в %1 байт (предел 65536)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>chunk checksum mismatch</source>
        <translation>несовпадение контрольной суммы фрагмента</translation>
    </message>
</context>
<context>
    <name>Doctor</name>
    <message>
        <location filename="../engine/doctor/Doctor.cpp" line="+90"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>checking: %1</source>
        <translation>проверка: %1</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>The bucket answers these credentials</source>
        <translation>Бакет принимает эти учётные данные</translation>
    </message>
    <message numerus="yes">
        <location line="+202"/>
        <source>%1 lists %2 (%n entries at the first level)</source>
        <translation>
            <numerusform>%1 показывает %2 (%n запись на первом уровне)</numerusform>
            <numerusform>%1 показывает %2 (%n записи на первом уровне)</numerusform>
            <numerusform>%1 показывает %2 (%n записей на первом уровне)</numerusform>
        </translation>
    </message>
    <message>
        <location line="-201"/>
        <source>The destination path holds Barman Cloud servers</source>
        <translation>По пути назначения лежат серверы Barman Cloud</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>%1 is a server&apos;s directory (it holds base/ or wals/), not a destination path</source>
        <translation>%1 — каталог сервера (в нём base/ или wals/), а не путь назначения</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set destinationPath to %1 and serverName to &quot;%2&quot;: barman adds the server name itself.</source>
        <translation>Укажите destinationPath %1 и serverName «%2»: barman сам добавляет имя сервера.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>nothing is stored under %1</source>
        <translation>по пути %1 ничего нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no directory under %1 holds base/ or wals/ (found: %2)</source>
        <translation>ни в одном каталоге под %1 нет base/ или wals/ (найдено: %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check destinationPath: it is the path above the server directories, and a cluster that never archived has written nothing yet.</source>
        <translation>Проверьте destinationPath: это путь над каталогами серверов, а кластер, ни разу не архивировавший, ещё ничего не записал.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n server(s): %1</source>
        <translation>
            <numerusform>%n сервер: %1</numerusform>
            <numerusform>%n сервера: %1</numerusform>
            <numerusform>%n серверов: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="-248"/>
        <source>The server name has data</source>
        <translation>У имени сервера есть данные</translation>
    </message>
    <message>
        <location line="+259"/>
        <source>%1 holds base/ or wals/ under %2</source>
        <translation>у %1 есть base/ или wals/ под %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>server &quot;%1&quot; has no data under %2</source>
        <translation>у сервера «%1» нет данных под %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>server &quot;%1&quot; has no data under %2; the servers there are: %3</source>
        <translation>у сервера «%1» нет данных под %2; там есть серверы: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CNPG uses serverName, else the cluster&apos;s name: check spec.backup.barmanObjectStore.serverName (or the plugin&apos;s serverName parameter) against the names listed.</source>
        <translation>CNPG берёт serverName, а без него — имя кластера: сверьте spec.backup.barmanObjectStore.serverName (или параметр serverName плагина) с перечисленными именами.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use one of the listed names, or check the cluster&apos;s serverName.</source>
        <translation>Укажите одно из перечисленных имён или проверьте serverName кластера.</translation>
    </message>
    <message>
        <location line="-269"/>
        <source>The credentials may list, get, put and delete</source>
        <translation>Учётным данным разрешены list, get, put и delete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The store&apos;s clock agrees with this machine&apos;s</source>
        <translation>Часы хранилища совпадают с часами этой машины</translation>
    </message>
    <message>
        <location line="+338"/>
        <location line="+37"/>
        <location line="+15"/>
        <source>get refused: %1</source>
        <translation>get отклонён: %1</translation>
    </message>
    <message>
        <location line="-51"/>
        <location line="+52"/>
        <source>Restores need s3:GetObject on the destination path.</source>
        <translation>Для восстановления нужно право s3:GetObject на пути назначения.</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>put refused: %1</source>
        <translation>put отклонён: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>barman-cloud-wal-archive and barman-cloud-backup need s3:PutObject: grant it to the cluster&apos;s credentials, or WAL piles up on the primary until its disk fills.</source>
        <translation>barman-cloud-wal-archive и barman-cloud-backup нужно право s3:PutObject: дайте его учётным данным кластера, иначе WAL копится на primary, пока не кончится диск.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Viewing and restoring need only list and get; the cluster&apos;s own credentials need s3:PutObject and s3:DeleteObject.</source>
        <translation>Для просмотра и восстановления хватает list и get; собственным учётным данным кластера нужны s3:PutObject и s3:DeleteObject.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>needs the probe object, which could not be written</source>
        <translation>нужен пробный объект, а его не удалось записать</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>get returned other bytes than were put</source>
        <translation>get вернул не те байты, что были записаны</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the store gave the probe no modification time</source>
        <translation>хранилище не сообщило время изменения пробного объекта</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the store&apos;s time agrees with this machine&apos;s (within a second)</source>
        <translation>время хранилища совпадает с временем этой машины (с точностью до секунды)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the store&apos;s clock is %1 ahead of this machine&apos;s</source>
        <translation>часы хранилища спешат на %1 относительно этой машины</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the store&apos;s clock is %1 behind this machine&apos;s</source>
        <translation>часы хранилища отстают на %1 от этой машины</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Synchronise this machine&apos;s clock (NTP). Upload times, the archiving checks and S3 signatures (valid 15 minutes) all depend on it.</source>
        <translation>Синхронизируйте часы этой машины (NTP): от них зависят времена загрузки, проверки архивирования и подписи S3 (действуют 15 минут).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>delete was accepted but the probe %1 is still there</source>
        <translation>delete принят, но пробный объект %1 всё ещё на месте</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete refused (%1); the probe %2 is left behind</source>
        <translation>delete отклонён (%1); пробный объект %2 остался</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Retention (CNPG&apos;s retentionPolicy, barman-cloud-backup-delete) needs s3:DeleteObject: without it the bucket only grows.</source>
        <translation>Хранению (retentionPolicy CNPG, barman-cloud-backup-delete) нужно право s3:DeleteObject: без него бакет только растёт.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>list, put, get and delete work (probe %1, deleted)</source>
        <translation>list, put, get и delete работают (пробный объект %1 удалён)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>list and put work; %1</source>
        <translation>list и put работают; %1</translation>
    </message>
    <message>
        <location line="-436"/>
        <source>barman-cloud can write to R2 (checksum headers)</source>
        <translation>barman-cloud может писать в R2 (заголовки контрольных сумм)</translation>
    </message>
    <message>
        <location line="+450"/>
        <source>the endpoint is not Cloudflare R2</source>
        <translation>конечная точка — не Cloudflare R2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set AWS_REQUEST_CHECKSUM_CALCULATION=when_required and AWS_RESPONSE_CHECKSUM_VALIDATION=when_required where barman-cloud runs (the ObjectStore&apos;s spec.instanceSidecarConfiguration.env for the plugin, the Cluster&apos;s spec.env in-tree): boto3 1.36 and later send checksum headers R2 refuses.</source>
        <translation>Задайте AWS_REQUEST_CHECKSUM_CALCULATION=when_required и AWS_RESPONSE_CHECKSUM_VALIDATION=when_required там, где работает barman-cloud (spec.instanceSidecarConfiguration.env объекта ObjectStore для плагина, spec.env кластера для встроенного варианта): boto3 1.36 и новее шлют заголовки контрольных сумм, которые R2 отклоняет.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>R2 endpoint: whether the cluster&apos;s barman-cloud has the checksum settings can only be read from the cluster (use a cnpg:// source)</source>
        <translation>конечная точка R2: есть ли у barman-cloud кластера настройки контрольных сумм, видно только из самого кластера (используйте источник cnpg://)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>the ObjectStore&apos;s sidecar environment sets both checksum variables to when_required</source>
        <translation>окружение sidecar объекта ObjectStore задаёт обеим переменным контрольных сумм when_required</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the Cluster&apos;s environment sets both checksum variables to when_required</source>
        <translation>окружение кластера задаёт обеим переменным контрольных сумм when_required</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>R2 endpoint without %1 in %2</source>
        <translation>конечная точка R2 без %1 в %2</translation>
    </message>
    <message>
        <location line="-460"/>
        <source>cancelled; the probe object %1 could not be deleted</source>
        <translation>отменено; пробный объект %1 не удалось удалить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete it by hand: it is outside base/ and wals/, so barman never reads it.</source>
        <translation>Удалите его вручную: он лежит вне base/ и wals/, поэтому barman его не читает.</translation>
    </message>
    <message>
        <location line="+303"/>
        <source>versioning %1: a deleted probe would stay as a noncurrent version</source>
        <translation>версионирование %1: удалённый пробный объект остался бы неактуальной версией</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>listing works; put and delete were not tried (%1)</source>
        <translation>листинг работает; put и delete не проверялись (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>needs the probe object (%1)</source>
        <translation>нужен пробный объект (%1)</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>listing and get work; put and delete were not tried (%1)</source>
        <translation>листинг и get работают; put и delete не проверялись (%1)</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>the plugin&apos;s ObjectStore could not be read</source>
        <translation>ObjectStore плагина не удалось прочитать</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 may come from a Secret or ConfigMap (valueFrom, envFrom), which is not read here</source>
        <translation>%1 может приходить из Secret или ConfigMap (valueFrom, envFrom), которые здесь не читаются</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a local directory has no bucket settings</source>
        <translation>у локального каталога нет настроек бакета</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>could not read it: %1</source>
        <translation>не удалось прочитать: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading it needs s3:GetEncryptionConfiguration.</source>
        <translation>Для чтения нужно право s3:GetEncryptionConfiguration.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading it needs s3:GetReplicationConfiguration.</source>
        <translation>Для чтения нужно право s3:GetReplicationConfiguration.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>not supported by this store (it answered with %1)</source>
        <translation>это хранилище не поддерживает (ответило %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>something that is not XML</source>
        <translation>чем-то, что не является XML</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the encryption setting names no algorithm</source>
        <translation>в настройке шифрования не указан алгоритм</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turn on default encryption (SSE-S3 or SSE-KMS) for the bucket.</source>
        <translation>Включите для бакета шифрование по умолчанию (SSE-S3 или SSE-KMS).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>default encryption at rest: %1</source>
        <translation>шифрование хранимых данных по умолчанию: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n replication rule(s) enabled</source>
        <translation>
            <numerusform>включено %n правило репликации</numerusform>
            <numerusform>включено %n правила репликации</numerusform>
            <numerusform>включено %n правил репликации</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>replication is configured but no rule is enabled</source>
        <translation>репликация настроена, но ни одно правило не включено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable a rule: a copy in another region survives the loss of this one.</source>
        <translation>Включите правило: копия в другом регионе переживёт потерю этого.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the bucket has no default encryption (%1)</source>
        <translation>у бакета нет шифрования по умолчанию (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turn on default encryption (SSE-S3 or SSE-KMS), or set encryption in the cluster&apos;s barmanObjectStore.data/wal: backups hold every row of the database.</source>
        <translation>Включите шифрование по умолчанию (SSE-S3 или SSE-KMS) или задайте encryption в barmanObjectStore.data/wal кластера: в копиях лежит каждая строка базы.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the bucket is not replicated (%1)</source>
        <translation>бакет не реплицируется (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replicate the bucket to another region (or a second provider): a backup in one place is lost with that place.</source>
        <translation>Реплицируйте бакет в другой регион (или ко второму провайдеру): копия в одном месте пропадёт вместе с этим местом.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>R2 encrypts every object at rest (AES-256-GCM); it has no setting to read</source>
        <translation>R2 шифрует каждый хранимый объект (AES-256-GCM); настройки для чтения нет</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not supported by this store (%1)</source>
        <translation>это хранилище не поддерживает (%1)</translation>
    </message>
    <message>
        <location line="-566"/>
        <source>Production does not share a bucket with dev or test</source>
        <translation>Продакшен не делит бакет с dev или test</translation>
    </message>
    <message>
        <location line="+581"/>
        <source>no server or path names to judge</source>
        <translation>нет имён серверов или путей для оценки</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>production-looking (%1) and dev- or test-looking (%2) servers or paths share s3://%3</source>
        <translation>серверы или пути, похожие на продакшен (%1) и на dev или test (%2), делят s3://%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give production its own bucket and credentials: a dev cluster&apos;s keys can then never overwrite or delete production backups.</source>
        <translation>Дайте продакшену свой бакет и свои учётные данные: тогда ключи dev-кластера никогда не перезапишут и не удалят копии продакшена.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no mix of production and dev or test names among: %1</source>
        <translation>среди имён нет смеси продакшена с dev или test: %1</translation>
    </message>
    <message>
        <location line="-598"/>
        <source>A backup and its WAL can be restored</source>
        <translation>Копию и её WAL можно восстановить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAL archiving is recent</source>
        <translation>Архивирование WAL идёт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base backups come with a WAL archive (PITR)</source>
        <translation>У базовых копий есть архив WAL (PITR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No backup is stuck without backup.info</source>
        <translation>Нет копий, застрявших без backup.info</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One database system per server name</source>
        <translation>Одна система баз данных на имя сервера</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retention deletes what it should</source>
        <translation>Хранение удаляет то, что должно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted Backup resources freed their objects</source>
        <translation>Удалённые ресурсы Backup освободили свои объекты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A restore drill passed in the last 30 days</source>
        <translation>Учения по восстановлению прошли успешно за последние 30 дней</translation>
    </message>
    <message>
        <location line="+605"/>
        <source>the catalog could not be read: %1</source>
        <translation>каталог не удалось прочитать: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>restorable from %1 to %2</source>
        <translation>восстановимо с %1 по %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a gap in the WAL archive stops replay after %1</source>
        <translation>пропуск в архиве WAL останавливает воспроизведение после %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take a new base backup now: only it makes the time after the gap restorable (`tideline-cli wals` shows the gap).</source>
        <translation>Сделайте новую базовую копию сейчас: только она делает восстановимым время после пропуска (`tideline-cli wals` показывает пропуск).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the latest timeline %1 cannot be restored; only older timelines can</source>
        <translation>последнюю линию времени %1 восстановить нельзя; можно только более старые</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take a new base backup now.</source>
        <translation>Сделайте новую базовую копию сейчас.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no finished backup has all of its files and WAL in the archive</source>
        <translation>ни у одной завершённой копии нет в архиве всех файлов и WAL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take a base backup now (kubectl cnpg backup) and check the archiving checks below.</source>
        <translation>Сделайте базовую копию сейчас (kubectl cnpg backup) и посмотрите проверки архивирования ниже.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CNPG&apos;s archive_timeout of 5 min</source>
        <translation>archive_timeout CNPG в 5 мин</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the cluster&apos;s archive_timeout of %1</source>
        <translation>archive_timeout кластера в %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the operator reports ContinuousArchiving False: %1</source>
        <translation>оператор сообщает ContinuousArchiving False: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WAL is not reaching the bucket; read the instance pod&apos;s log for barman-cloud-wal-archive&apos;s error (credentials, endpoint, the R2 checksum settings).</source>
        <translation>WAL не доходит до бакета; найдите ошибку barman-cloud-wal-archive в журнале пода экземпляра (учётные данные, конечная точка, настройки контрольных сумм R2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nothing has ever been archived under wals/</source>
        <translation>в wals/ ещё ничего не архивировалось</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the cluster&apos;s WAL archiving (kubectl cnpg status) and its credentials.</source>
        <translation>Проверьте архивирование WAL кластера (kubectl cnpg status) и его учётные данные.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>archive_timeout is 0 (off): the last segment %1 was uploaded %2 ago, and changes since wait for a full segment</source>
        <translation>archive_timeout равен 0 (выключен): последний сегмент %1 загружен %2 назад, и изменения после него ждут заполнения сегмента</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set archive_timeout (CNPG&apos;s default is 5min): it bounds what a lost primary takes with it.</source>
        <translation>Задайте archive_timeout (в CNPG по умолчанию 5min): он ограничивает то, что унесёт с собой потерянный primary.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>last segment %1 uploaded %2 ago (within %3)</source>
        <translation>последний сегмент %1 загружен %2 назад (в пределах: %3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>nothing archived for %1: the last segment %2 was uploaded at %3, and with %4 a busy cluster archives at least that often</source>
        <translation>ничего не архивировалось %1: последний сегмент %2 загружен в %3, а при %4 нагруженный кластер архивирует не реже</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>If the database is not idle, its archiving is stuck: kubectl cnpg status shows the failing WAL and pg_stat_archiver the error count (tideline-cli archiver). An idle database archives nothing: PostgreSQL switches segments only after some activity.</source>
        <translation>Если база не простаивает, её архивирование застряло: kubectl cnpg status покажет проблемный WAL, а pg_stat_archiver — число ошибок (tideline-cli archiver). Простаивающая база ничего не архивирует: PostgreSQL переключает сегменты только после какой-то активности.</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n finished base backup(s) and no WAL archive: only the instants the backups ended can be restored</source>
        <translation>
            <numerusform>%n завершённая базовая копия и нет архива WAL: восстановить можно только моменты окончания копий</numerusform>
            <numerusform>%n завершённые базовые копии и нет архива WAL: восстановить можно только моменты окончания копий</numerusform>
            <numerusform>%n завершённых базовых копий и нет архива WAL: восстановить можно только моменты окончания копий</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use continuous archiving with point-in-time recovery for production: CNPG archives WAL whenever backup.barmanObjectStore (or the plugin as WAL archiver) is configured.</source>
        <translation>Для продакшена используйте непрерывное архивирование с восстановлением на момент времени: CNPG архивирует WAL, когда настроен backup.barmanObjectStore (или плагин как архиватор WAL).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WAL is archived but no base backup has finished: nothing to replay it onto</source>
        <translation>WAL архивируется, но ни одна базовая копия не завершена: его не на что накатывать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take a base backup (kubectl cnpg backup, or a ScheduledBackup).</source>
        <translation>Сделайте базовую копию (kubectl cnpg backup или ScheduledBackup).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>neither base backups nor WAL</source>
        <translation>нет ни базовых копий, ни WAL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Take a base backup.</source>
        <translation>Сделайте базовую копию.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n finished base backup(s) with a WAL archive</source>
        <translation>
            <numerusform>%n завершённая базовая копия с архивом WAL</numerusform>
            <numerusform>%n завершённые базовые копии с архивом WAL</numerusform>
            <numerusform>%n завершённых базовых копий с архивом WAL</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (uploading for %2)</source>
        <translation>%1 (загружается уже %2)</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n backup(s) uploading now</source>
        <translation>
            <numerusform>%n копия загружается сейчас</numerusform>
            <numerusform>%n копии загружаются сейчас</numerusform>
            <numerusform>%n копий загружаются сейчас</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every backup directory has its backup.info</source>
        <translation>в каждом каталоге копии есть backup.info</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n backup(s) without backup.info: %1 (%2)</source>
        <translation>
            <numerusform>%n копия без backup.info: %1 (%2)</numerusform>
            <numerusform>%n копии без backup.info: %1 (%2)</numerusform>
            <numerusform>%n копий без backup.info: %1 (%2)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>barman-cloud-backup died before finishing: these are not restorable, and neither retention nor barman-cloud-backup-delete removes them. Delete the directories by hand once no backup is running.</source>
        <translation>barman-cloud-backup оборвался, не закончив: такие копии не восстановить, и ни хранение, ни barman-cloud-backup-delete их не удаляют. Удалите каталоги вручную, когда ни одна копия не выполняется.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Two clusters write under one server name. Give each its own serverName: a restore may otherwise replay another database&apos;s WAL, and CNPG refuses to archive into a server whose archive is not empty (barman-cloud-check-wal-archive).</source>
        <translation>Два кластера пишут под одним именем сервера. Дайте каждому свой serverName: иначе восстановление может накатить WAL чужой базы, а CNPG отказывается архивировать в сервер с непустым архивом (barman-cloud-check-wal-archive).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>every backup names the same system identifier</source>
        <translation>у всех копий один и тот же системный идентификатор</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the cluster sets no retentionPolicy: the bucket keeps every backup and all WAL forever</source>
        <translation>у кластера нет retentionPolicy: бакет хранит все копии и весь WAL вечно</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no retention policy given (--policy, or a cnpg:// source)</source>
        <translation>политика хранения не задана (--policy или источник cnpg://)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set retentionPolicy (e.g. &quot;30d&quot;) on the %1.</source>
        <translation>Задайте retentionPolicy (например, «30d») в %1.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1: nothing it made obsolete more than a day ago is still here</source>
        <translation>%1: ничего из устаревшего по ней более суток назад не осталось</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 made %n backup(s) obsolete more than a day ago, still in the bucket: %2</source>
        <translation>
            <numerusform>%1 более суток назад сделала устаревшей %n копию, она всё ещё в бакете: %2</numerusform>
            <numerusform>%1 более суток назад сделала устаревшими %n копии, они всё ещё в бакете: %2</numerusform>
            <numerusform>%1 более суток назад сделала устаревшими %n копий, они всё ещё в бакете: %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CNPG&apos;s retention is not deleting (its credentials may lack s3:DeleteObject, or the store refuses DeleteObjects): run tideline-cli retention to see and apply it.</source>
        <translation>Хранение CNPG не удаляет (у учётных данных может не быть s3:DeleteObject, или хранилище отклоняет DeleteObjects): запустите tideline-cli retention, чтобы увидеть и применить его.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing enforces the policy here: run tideline-cli retention --policy %1 to see and apply it.</source>
        <translation>Здесь политику никто не применяет: запустите tideline-cli retention --policy %1, чтобы увидеть и применить её.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>needs the cluster&apos;s Backup resources (a cnpg:// source)</source>
        <translation>нужны ресурсы Backup кластера (источник cnpg://)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>every backup in the bucket has its Backup resource</source>
        <translation>у каждой копии в бакете есть ресурс Backup</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n backup(s) in the bucket have no Backup resource (%1 held): %2</source>
        <translation>
            <numerusform>у %n копии в бакете нет ресурса Backup (занято %1): %2</numerusform>
            <numerusform>у %n копий в бакете нет ресурса Backup (занято %1): %2</numerusform>
            <numerusform>у %n копий в бакете нет ресурса Backup (занято %1): %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>kubectl delete backup removes only the resource, never the objects: the retention policy (or tideline-cli retention) is what frees the bucket.</source>
        <translation>kubectl delete backup удаляет только ресурс, но не объекты: бакет освобождает политика хранения (или tideline-cli retention).</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n drill(s) run here, none passed</source>
        <translation>
            <numerusform>проведено учений: %n, успешных нет</numerusform>
            <numerusform>проведено учений: %n, успешных нет</numerusform>
            <numerusform>проведено учений: %n, успешных нет</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no restore drill has been run from this machine</source>
        <translation>с этой машины учения по восстановлению не проводились</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test restores regularly: tideline-cli drill %1 %2 restores and checks a copy.</source>
        <translation>Проверяйте восстановление регулярно: tideline-cli drill %1 %2 восстанавливает и проверяет копию.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the last passing drill was %1 ago (%2)</source>
        <translation>последние успешные учения были %1 назад (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test restores regularly: a monthly drill catches what changed since.</source>
        <translation>Проверяйте восстановление регулярно: ежемесячные учения ловят то, что изменилось с прошлых.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the last passing drill was %1 ago</source>
        <translation>последние успешные учения были %1 назад</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the bucket did not answer</source>
        <translation>бакет не ответил</translation>
    </message>
    <message>
        <location line="-865"/>
        <source>The bucket encrypts at rest</source>
        <translation>Бакет шифрует хранимые данные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bucket is replicated</source>
        <translation>Бакет реплицируется</translation>
    </message>
</context>
<context>
    <name>DoctorCommand</name>
    <message>
        <location filename="../src/cli/DoctorCommand.cpp" line="+85"/>
        <source>hint: %1</source>
        <translation>подсказка: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 ok, %2 warning(s), %3 failure(s), %4 skipped</source>
        <extracomment>%1 ok, %2 warnings, %3 failures, %4 skipped</extracomment>
        <translation>в порядке: %1, предупреждений: %2, сбоев: %3, пропущено: %4</translation>
    </message>
    <message>
        <location filename="../src/cli/DoctorCommand.h" line="+18"/>
        <source>check a destination (and its cluster) against the runbook&apos;s failure list</source>
        <translation>проверить место хранения (и его кластер) по списку неполадок из runbook</translation>
    </message>
</context>
<context>
    <name>DoctorDialog</name>
    <message>
        <location filename="../ui/DoctorDialog.ui" line="+9"/>
        <source>Doctor</source>
        <translation>Диагностика</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Test &amp;write permissions with a probe object (written and deleted at once)</source>
        <translation>Проверить права на &amp;запись пробным объектом (записывается и сразу удаляется)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Puts one small object beside the server&apos;s directories, reads it back and deletes it: this also measures the store&apos;s clock. Unchecked, only listing and reading are tried.</source>
        <translation>Кладёт один маленький объект рядом с каталогами серверов, читает его и удаляет; заодно сверяет часы хранилища. Без флажка проверяются только листинг и чтение.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;Run again</source>
        <translation>&amp;Запустить снова</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Stop</source>
        <translation>&amp;Остановить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
</context>
<context>
    <name>DrillCommand</name>
    <message>
        <location filename="../src/cli/DrillCommand.cpp" line="+109"/>
        <source>cannot write the report %1</source>
        <translation>не удаётся записать отчёт %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Give a writable --report path.</source>
        <translation>Укажите в --report путь, доступный для записи.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the drill failed: %1</source>
        <translation>учебное восстановление не прошло: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rerun with --keep and read postgres.log in the drill&apos;s directory (the report names it).</source>
        <translation>Повторите с --keep и прочитайте postgres.log в каталоге учебного восстановления (он указан в отчёте).</translation>
    </message>
    <message>
        <location filename="../src/cli/DrillCommand.h" line="+19"/>
        <source>a timed restore into a scratch directory, started, promoted and checked (exit 7 when it fails)</source>
        <translation>учебное восстановление во временный каталог с замером времени: запуск, повышение и проверка (код 7 при неудаче)</translation>
    </message>
</context>
<context>
    <name>DrillJob</name>
    <message>
        <location filename="../engine/restore/DrillJob.cpp" line="+170"/>
        <source>returned no rows (not a query)</source>
        <translation>не вернул строк (это не запрос)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>returned no rows</source>
        <translation>не вернул строк</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned NULL</source>
        <translation>вернул NULL</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>returned an empty value</source>
        <translation>вернул пустое значение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned %1</source>
        <translation>вернул %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>PostgreSQL never logged reaching the recovery target</source>
        <translation>PostgreSQL так и не записал в журнал достижение цели восстановления</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>expected to stop at consistency: %1</source>
        <translation>ожидалась остановка по достижении согласованности: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>stopped elsewhere than restore point %1: %2</source>
        <translation>остановка не в точке восстановления %1: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>stopped elsewhere than transaction %1: %2</source>
        <translation>остановка не на транзакции %1: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the last replayed transaction (%1) is after the target %2</source>
        <translation>последняя воспроизведённая транзакция (%1) позже цели %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>stopped elsewhere than LSN %1: %2</source>
        <translation>остановка не на LSN %1: %2</translation>
    </message>
    <message>
        <location line="+58"/>
        <source># Restore drill: %1 — %2

</source>
        <translation># Учебное восстановление: %1 — %2

</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PASSED</source>
        <comment>drill verdict</comment>
        <translation>ПРОЙДЕНО</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FAILED</source>
        <comment>drill verdict</comment>
        <translation>НЕ ПРОЙДЕНО</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>| phase | seconds |
|---|---:|
</source>
        <translation>| этап | секунды |
|---|---:|
</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>| **total** | **%1** |

</source>
        <translation>| **итого** | **%1** |

</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>| check | result | |
|---|---|---|
</source>
        <translation>| проверка | результат | |
|---|---|---|
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ok</source>
        <comment>check result</comment>
        <translation>ок</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FAILED</source>
        <comment>check result</comment>
        <translation>НЕ ПРОЙДЕНО</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>- **Failure:** %1
</source>
        <translation>- **Сбой:** %1
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>- Replay settings of this scratch copy: %1
</source>
        <translation>- Настройки воспроизведения этой временной копии: %1
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>- Note: %1
</source>
        <translation>- Примечание: %1
</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>plan</source>
        <translation>планирование</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>removed what a drill killed earlier left in %1</source>
        <translation>удалено то, что оставила ранее прерванная проверка в %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cannot create a scratch directory in %1: %2</source>
        <translation>не удаётся создать временный каталог в %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give an existing, writable directory with --scratch DIR; the drill works in a new directory inside it and removes only that.</source>
        <translation>Укажите существующий каталог с правом записи в --scratch DIR; учебное восстановление работает в новом каталоге внутри него и удаляет только этот каталог.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>the user %1 cannot enter %2</source>
        <translation>пользователь %1 не может войти в %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PostgreSQL runs as %1: give --scratch a directory it can reach, such as /var/tmp.</source>
        <translation>PostgreSQL работает от имени %1: укажите в --scratch каталог, доступный ему, например /var/tmp.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the drill&apos;s PostgreSQL runs as postgres with the bucket&apos;s keys in its environment, readable by every process of postgres while it runs: give --owner a user of its own</source>
        <translation>PostgreSQL учения работает от имени postgres с ключами бакета в своём окружении, которое может прочитать любой процесс postgres, пока он работает: укажите в --owner отдельного пользователя</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>restore (download, decompress, extract)</source>
        <translation>восстановление (загрузка, распаковка, извлечение)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>configure</source>
        <translation>настройка</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>recovery (WAL fetch and replay, promote)</source>
        <translation>восстановление (получение и воспроизведение WAL, повышение)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>checks</source>
        <translation>проверки</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>flush to disk (for the durable RTO)</source>
        <translation>сброс на диск (для надёжного RTO)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>scratch directory kept: %1 (fsync, full_page_writes and synchronous_commit back to their defaults)</source>
        <translation>временный каталог сохранён: %1 (fsync, full_page_writes и synchronous_commit возвращены к значениям по умолчанию)</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n WAL prefetcher(s) did not stop</source>
        <translation>
            <numerusform>%n процесс предвыборки WAL не остановился</numerusform>
            <numerusform>%n процесса предвыборки WAL не остановились</numerusform>
            <numerusform>%n процессов предвыборки WAL не остановились</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>stop and clean up</source>
        <translation>остановка и очистка</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>check failed: %1 -&gt; %2</source>
        <translation>проверка не пройдена: %1 -&gt; %2</translation>
    </message>
    <message>
        <location line="-197"/>
        <source>- Source: %1
- Backup: %2
- Target: %3
- Started: %4
- RTO: %5 s (a durable recovery here: %9 s)
- Downloaded: %6 bytes, written: %7 bytes
- Timeline after promotion: %8

</source>
        <translation>- Источник: %1
- Резервная копия: %2
- Цель: %3
- Начало: %4
- RTO: %5 с (надёжное восстановление здесь: %9 с)
- Загружено: %6 байт, записано: %7 байт
- Линия времени после повышения: %8

</translation>
    </message>
    <message>
        <location line="+204"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PostgreSQL did not finish recovery within %1 s (%2)</source>
        <translation>PostgreSQL не завершил восстановление за %1 с (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>timed out</source>
        <translation>время ожидания истекло</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PostgreSQL stopped: %1</source>
        <translation>PostgreSQL остановился: %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>PostgreSQL did not stop; %1 is left as it is (%2)</source>
        <translation>PostgreSQL не остановился; %1 оставлен как есть (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PostgreSQL had already ended when the drill stopped it: something outside killed it (the OOM killer?); see the system log</source>
        <translation>PostgreSQL уже не работал, когда учение его останавливало: его убили извне (OOM killer?); смотрите системный журнал</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>the server is still in recovery</source>
        <translation>сервер всё ещё в режиме восстановления</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>drill cancelled</source>
        <translation>учебное восстановление отменено</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>cannot write the drill history %1: %2</source>
        <translation>не удаётся записать журнал учебных восстановлений %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check permissions of your data directory.</source>
        <translation>Проверьте права доступа к вашему каталогу данных.</translation>
    </message>
</context>
<context>
    <name>DrillScratch</name>
    <message>
        <location filename="../engine/restore/DrillScratch.cpp" line="+255"/>
        <source>%1/postmaster.pid is not a regular file; left as it is</source>
        <translation>%1/postmaster.pid — не обычный файл; оставлено как есть</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look at it, then remove the directory by hand.</source>
        <translation>Осмотрите его, затем удалите каталог вручную.</translation>
    </message>
    <message>
        <location line="+57"/>
        <location line="+119"/>
        <source>cannot read %1; left as it is</source>
        <translation>не удаётся прочитать %1; оставлено как есть</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>cannot tell whether the server of a drill killed earlier still runs on %1: %2</source>
        <translation>не удаётся понять, работает ли ещё сервер ранее прерванной проверки в %1: %2</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>processes of a killed server still run on %1; left as it is</source>
        <translation>процессы убитого сервера всё ещё работают в %1; оставлено как есть</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the PostgreSQL processes standing in %1 (fuser -v %1 lists them), then remove the directory.</source>
        <translation>Остановите процессы PostgreSQL в %1 (их покажет fuser -v %1), затем удалите каталог.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>the server of a drill killed earlier still runs on %1; left as it is</source>
        <translation>сервер ранее прерванной проверки всё ещё работает в %1; оставлен как есть</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+34"/>
        <source>Stop it with pg_ctl -D %1 stop -m immediate, then remove the directory.</source>
        <translation>Остановите его командой pg_ctl -D %1 stop -m immediate, затем удалите каталог.</translation>
    </message>
</context>
<context>
    <name>DrillsCommand</name>
    <message>
        <location filename="../src/cli/DrillsCommand.cpp" line="+35"/>
        <source>STARTED</source>
        <translation>НАЧАЛО</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BACKUP</source>
        <translation>КОПИЯ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TARGET</source>
        <translation>ЦЕЛЬ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>VERDICT</source>
        <translation>ИТОГ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>RTO (s)</source>
        <translation>RTO (с)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DURABLE RTO (s)</source>
        <translation>НАДЁЖНЫЙ RTO (с)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>passed</source>
        <translation>пройдено</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed: %1</source>
        <translation>не пройдено: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n drill(s), %1 passed; last passing drill: %2
</source>
        <extracomment>%n is the number of drills, %1 how many passed, %2 a date or &quot;-&quot;.</extracomment>
        <translation>
            <numerusform>%n учебное восстановление, пройдено %1; последнее пройденное: %2
</numerusform>
            <numerusform>%n учебных восстановления, пройдено %1; последнее пройденное: %2
</numerusform>
            <numerusform>%n учебных восстановлений, пройдено %1; последнее пройденное: %2
</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/DrillsCommand.h" line="+16"/>
        <source>the drill history: date, target, verdict, RTO, phases</source>
        <translation>журнал учебных восстановлений: дата, цель, итог, RTO, этапы</translation>
    </message>
</context>
<context>
    <name>Error</name>
    <message>
        <location filename="../engine/core/Error.cpp" line="+21"/>
        <source>%1. Hint: %2</source>
        <extracomment>%1 is the error message (with its detail), %2 the advice.</extracomment>
        <translation>%1. Подсказка: %2</translation>
    </message>
</context>
<context>
    <name>EventsCommand</name>
    <message>
        <location filename="../src/cli/EventsCommand.cpp" line="+43"/>
        <source>%1 to %2 blocks</source>
        <extracomment>%1 is a relation file path, %2 a number of 8 KiB blocks</extracomment>
        <translation>%1 до %2 блоков</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>from timeline %1</source>
        <extracomment>%1 is the timeline recovery left</extracomment>
        <translation>с линии времени %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n subtransaction(s)</source>
        <extracomment>%1 is a number of subtransactions</extracomment>
        <translation>
            <numerusform>%n подтранзакция</numerusform>
            <numerusform>%n подтранзакции</numerusform>
            <numerusform>%n подтранзакций</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>unknown event kind &apos;%1&apos;</source>
        <translation>неизвестный вид события «%1»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>use commit, abort, restore_point, drop, truncate, timeline_switch or checkpoint</source>
        <translation>используйте commit, abort, restore_point, drop, truncate, timeline_switch или checkpoint</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--timeline wants a timeline number</source>
        <translation>--timeline ждёт номер линии времени</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>for example --timeline 2</source>
        <translation>например, --timeline 2</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>TIME</source>
        <translation>ВРЕМЯ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TLI</source>
        <translation>ЛВ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>LSN</source>
        <translation>LSN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>KIND</source>
        <translation>ВИД</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>XID</source>
        <translation>XID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DETAIL</source>
        <translation>ПОДРОБНОСТИ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>segments read from the bucket: %1; from the local cache: %2</source>
        <extracomment>%1 and %2 are numbers of WAL segments</extracomment>
        <translation>сегментов прочитано из бакета: %1; из локального кэша: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 could not be read past %2: %3; the events after it in that segment are missing</source>
        <extracomment>%1 is a WAL segment name, %2 an LSN, %3 what is wrong</extracomment>
        <translation>%1 не читается дальше %2: %3; событий после этого места в сегменте нет</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n record(s) of a known kind had data that did not parse and were left out</source>
        <translation>
            <numerusform>%n запись известного вида с неразборчивыми данными пропущена</numerusform>
            <numerusform>%n записи известного вида с неразборчивыми данными пропущены</numerusform>
            <numerusform>%n записей известного вида с неразборчивыми данными пропущены</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/EventsCommand.h" line="+23"/>
        <source>what the WAL holds: commits, restore points, drops, switches</source>
        <translation>что записано в WAL: фиксации, точки восстановления, удаления, переключения</translation>
    </message>
</context>
<context>
    <name>FileTree</name>
    <message>
        <location filename="../engine/core/FileTree.cpp" line="+77"/>
        <source>cannot remove %1: %2</source>
        <translation>не удаётся удалить %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove what is left by hand once nothing uses it.</source>
        <translation>Удалите оставшееся вручную, когда им больше ничто не пользуется.</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../src/models/Format.cpp" line="+48"/>
        <source>local</source>
        <translation>местное</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 in the future</source>
        <translation>%1 в будущем</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>just now</source>
        <translation>только что</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min ago</source>
        <translation>%1 мин назад</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min ago</source>
        <translation>%1 ч %2 мин назад</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 d ago</source>
        <translation>%1 д назад</translation>
    </message>
</context>
<context>
    <name>HelmValues</name>
    <message>
        <location filename="../engine/k8s/HelmValues.cpp" line="+35"/>
        <source>a map</source>
        <translation>словарём</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a string</source>
        <translation>строкой</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>true or false</source>
        <translation>true или false</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>values file %1: %2 must be %3</source>
        <translation>файл values %1: %2 должен быть %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Fix the file (helm template renders what the chart makes of it).</source>
        <translation>Исправьте файл (helm template покажет, что из него делает чарт).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>values file %1 is not valid YAML (line %2)</source>
        <translation>файл values %1 — не корректный YAML (строка %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>values file %1 is not a map of values</source>
        <translation>файл values %1 — не словарь значений</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>values file %1 enables no backups (backups.enabled is not true)</source>
        <translation>файл values %1 не включает резервное копирование (backups.enabled не true)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that this is the cluster chart&apos;s values file, or give the bucket as SOURCE_URL.</source>
        <translation>Проверьте, что это файл values чарта cluster, или укажите бакет как SOURCE_URL.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>values file %1 backs up to %2 storage, which Tideline cannot read</source>
        <translation>файл values %1 сохраняет копии в хранилище %2, которое Tideline читать не умеет</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tideline reads S3-compatible stores (AWS S3, Cloudflare R2, MinIO, …).</source>
        <translation>Tideline читает S3-совместимые хранилища (AWS S3, Cloudflare R2, MinIO, …).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>values file %1 gives neither %2destinationPath nor %2s3.bucket</source>
        <translation>в файле values %1 нет ни %2destinationPath, ни %2s3.bucket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chart needs one of them too; set the bucket, or give the bucket as SOURCE_URL.</source>
        <translation>Чарту тоже нужно одно из них; задайте бакет или укажите его как SOURCE_URL.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>values file %1 makes destinationPath &quot;%2&quot;, which is not s3://bucket[/path]</source>
        <translation>файл values %1 даёт destinationPath «%2», а это не s3://бакет[/путь]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>values file %1 gives neither backups.endpointURL nor backups.s3.region</source>
        <translation>в файле values %1 нет ни backups.endpointURL, ни backups.s3.region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chart needs one of them too: the endpoint of R2 or MinIO, or the AWS region.</source>
        <translation>Чарту тоже нужно одно из них: адрес R2 или MinIO либо регион AWS.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>values file %1: %2endpointCA.value holds no PEM certificate</source>
        <translation>файл values %1: в %2endpointCA.value нет сертификата PEM</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the endpoint&apos;s CA is in Secret %1, which Tideline does not read from a values file: pass its certificate with --ca-bundle if the endpoint needs it</source>
        <translation>CA адреса хранилища лежит в Secret %1, который Tideline не читает из файла values: передайте сертификат через --ca-bundle, если он нужен</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>values file %1: fullnameOverride &quot;%2&quot; is not a Kubernetes name</source>
        <translation>файл values %1: fullnameOverride «%2» — не имя Kubernetes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the values hold no access keys (the cluster reads them from Secret %1): Tideline uses this desktop&apos;s own credentials (environment or --profile)</source>
        <translation>в values нет ключей доступа (кластер берёт их из Secret %1): Tideline использует учётные данные этой машины (окружение или --profile)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>values file %1 cannot be read as values</source>
        <translation>файл values %1 не читается как values</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>values file %1 does not exist</source>
        <translation>файла values %1 нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>Check --helm-values.</source>
        <translation>Проверьте --helm-values.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>values file %1 cannot be read: %2</source>
        <translation>файл values %1 не читается: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the file&apos;s permissions.</source>
        <translation>Проверьте права доступа к файлу.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>values file %1 is too large to be one</source>
        <translation>файл values %1 слишком велик для такого файла</translation>
    </message>
</context>
<context>
    <name>HttpExchange</name>
    <message>
        <location filename="../engine/net/HttpExchange.cpp" line="+274"/>
        <source>unsupported URL scheme &quot;%1&quot;</source>
        <translation>неподдерживаемая схема URL «%1»</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>refused to send the request header &quot;%1&quot;: it holds a line break or is not a valid name</source>
        <translation>заголовок запроса «%1» не отправлен: он содержит перевод строки или имеет недопустимое имя</translation>
    </message>
    <message>
        <location line="+232"/>
        <source>Operation canceled</source>
        <translation>Операция отменена</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no data for %1 ms</source>
        <translation>нет данных в течение %1 мс</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Connection closed</source>
        <translation>Соединение закрыто</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1 sent an over-long status line</source>
        <translation>%1 прислал слишком длинную строку статуса</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 did not answer in HTTP/1.1</source>
        <translation>%1 ответил не по HTTP/1.1</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>%1 sent a malformed status line</source>
        <translation>%1 прислал некорректную строку статуса</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 sent an over-long header</source>
        <translation>%1 прислал слишком длинный заголовок</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+30"/>
        <source>%1 sent too many headers</source>
        <translation>%1 прислал слишком много заголовков</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 sent a malformed header</source>
        <translation>%1 прислал некорректный заголовок</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 switched protocols unasked</source>
        <translation>%1 сменил протокол без запроса</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 sent an invalid Content-Length</source>
        <translation>%1 прислал недопустимый Content-Length</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 answered more than %2 bytes</source>
        <translation>%1 ответил больше чем %2 байт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That is not what this endpoint serves: check the address.</source>
        <translation>Эта точка такого не отдаёт: проверьте адрес.</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>%1 sent a malformed chunked body</source>
        <translation>%1 прислал некорректное тело в chunked-кодировке</translation>
    </message>
</context>
<context>
    <name>K8sCommand</name>
    <message>
        <location filename="../src/cli/K8sCommand.cpp" line="+39"/>
        <source>CURRENT</source>
        <translation>ТЕКУЩИЙ</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+35"/>
        <location line="+26"/>
        <location line="+24"/>
        <source>NAME</source>
        <translation>ИМЯ</translation>
    </message>
    <message>
        <location line="-85"/>
        <location line="+61"/>
        <location line="+24"/>
        <source>CLUSTER</source>
        <translation>КЛАСТЕР</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+34"/>
        <location line="+26"/>
        <location line="+24"/>
        <source>NAMESPACE</source>
        <translation>ПРОСТРАНСТВО ИМЁН</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+35"/>
        <source>SERVER</source>
        <translation>СЕРВЕР</translation>
    </message>
    <message>
        <location line="-1"/>
        <location filename="../src/cli/K8sMetrics.cpp" line="+157"/>
        <source>READY</source>
        <translation>ГОТОВО</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+27"/>
        <source>PHASE</source>
        <translation>ФАЗА</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>BACKUP</source>
        <translation>РЕЗЕРВИРОВАНИЕ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HEALTH</source>
        <translation>СОСТОЯНИЕ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FIRST RECOVERABILITY</source>
        <translation>ВОССТАНОВИМО С</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>METHOD</source>
        <translation>МЕТОД</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BACKUP ID</source>
        <translation>ID КОПИИ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>STOPPED</source>
        <translation>КОНЕЦ</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>SCHEDULE</source>
        <translation>РАСПИСАНИЕ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SUSPENDED</source>
        <translation>ПРИОСТАНОВЛЕНО</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>LAST</source>
        <translation>ПОСЛЕДНИЙ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NEXT (UTC)</source>
        <translation>СЛЕДУЮЩИЙ (UTC)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unreadable: %1</source>
        <translation>ошибка разбора: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: &quot;%2&quot; has five fields; CNPG reads the first as seconds, not minutes (for the crontab meaning write &quot;0 %2&quot;)</source>
        <translation>%1: в &quot;%2&quot; пять полей; CNPG считает первое секундами, а не минутами (чтобы получить смысл как в crontab, запишите &quot;0 %2&quot;)</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Name its namespace with -n.</source>
        <translation>Укажите его пространство имён через -n.</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>cluster</source>
        <translation>кластер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>phase</source>
        <translation>фаза</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backup method</source>
        <translation>метод резервирования</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bucket</source>
        <translation>бакет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cluster says first point</source>
        <translation>первая точка по кластеру</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bucket says first point</source>
        <translation>первая точка по бакету</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>restorable until</source>
        <translation>восстановимо до</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last backup (bucket)</source>
        <translation>последняя копия (бакет)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The cluster and its bucket agree.</source>
        <translation>Данные кластера и его бакета совпадают.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>k8s %1 reads one cluster: -A does not apply</source>
        <translation>k8s %1 читает один кластер: -A не применим</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>unknown k8s command &apos;%1&apos;</source>
        <translation>неизвестная команда k8s &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use one of: %1.</source>
        <translation>Используйте одну из команд: %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--%1 applies to k8s metrics only</source>
        <translation>--%1 относится только к k8s metrics</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>k8s %1 takes no argument</source>
        <translation>k8s %1 не принимает аргументов</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>k8s %1 needs a CLUSTER</source>
        <translation>k8s %1 требует CLUSTER</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: tideline-cli k8s %1</source>
        <translation>Использование: tideline-cli k8s %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--cluster applies to k8s backups only</source>
        <translation>--cluster применим только к k8s backups</translation>
    </message>
    <message>
        <location filename="../src/cli/K8sCommand.h" line="+25"/>
        <source>CNPG clusters, backups and schedules from the kubeconfig; status holds a cluster against its bucket</source>
        <translation>кластеры, резервные копии и расписания CNPG из kubeconfig; status сверяет кластер с его бакетом</translation>
    </message>
    <message>
        <location filename="../src/cli/K8sMetrics.cpp" line="-26"/>
        <source>the bucket was not compared: %1</source>
        <translation>с бакетом не сравнивалось: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>POD</source>
        <translation>ПОД</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ROLE</source>
        <translation>РОЛЬ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ARCHIVED</source>
        <translation>ЗААРХИВИРОВАНО</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FAILED</source>
        <translation>ОШИБОК</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LAST ARCHIVED</source>
        <translation>ПОСЛЕДНЯЯ АРХИВАЦИЯ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>LAST BACKUP</source>
        <translation>ПОСЛЕДНЯЯ КОПИЯ</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>primary</source>
        <translation>ведущий</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+4"/>
        <source>replica</source>
        <translation>реплика</translation>
    </message>
</context>
<context>
    <name>KeepAnnotation</name>
    <message>
        <location filename="../engine/retention/KeepAnnotation.cpp" line="+21"/>
        <source>no backup &quot;%1&quot; for server %2</source>
        <translation>нет копии «%1» для сервера %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the backups with: tideline-cli backups %1 %2</source>
        <translation>Список копий: tideline-cli backups %1 %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>backup %1 has status %2; only DONE backups can be kept</source>
        <translation>копия %1 в статусе %2; закрепить можно только копии в статусе DONE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep a finished backup (tideline-cli backups lists them).</source>
        <translation>Закрепите завершённую копию (их показывает tideline-cli backups).</translation>
    </message>
</context>
<context>
    <name>KeepCommand</name>
    <message>
        <location filename="../src/cli/KeepCommand.cpp" line="+18"/>
        <source>keep needs exactly one of --target, --release and --status</source>
        <translation>keep требует ровно одного из --target, --release и --status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: keep SOURCE SERVER BACKUP_ID --target standalone</source>
        <translation>Например: keep SOURCE SERVER BACKUP_ID --target standalone</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--target must be full or standalone, got &apos;%1&apos;</source>
        <translation>--target должен быть full или standalone, получено «%1»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>full keeps the backup and all WAL after it; standalone keeps only the WAL the backup needs to be consistent.</source>
        <translation>full сохраняет копию и весь WAL после неё; standalone — только WAL, нужный копии для согласованности.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>keep needs SERVER and BACKUP_ID</source>
        <translation>keep требует SERVER и BACKUP_ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Usage: tideline-cli keep %1</source>
        <translation>Использование: tideline-cli keep %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1: keep %2
</source>
        <extracomment>&quot;nokeep&quot; is barman-cloud-backup-keep&apos;s own word for no annotation; keep it as is</extracomment>
        <translation>%1: keep %2
</translation>
    </message>
    <message>
        <location filename="../src/cli/KeepCommand.h" line="+19"/>
        <source>keep a backup out of retention&apos;s reach, or release it</source>
        <translation>закрепить копию вне досягаемости политики хранения или снять закрепление</translation>
    </message>
</context>
<context>
    <name>KubeAccess</name>
    <message>
        <location filename="../src/cli/KubeAccess.cpp" line="+36"/>
        <source>&quot;%1&quot; is not a namespace name</source>
        <translation>&quot;%1&quot; — недопустимое имя пространства имён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Namespaces are lower-case letters, digits and &apos;-&apos;, at most 63.</source>
        <translation>Имя пространства имён — это строчные буквы, цифры и &apos;-&apos;, не более 63 символов.</translation>
    </message>
</context>
<context>
    <name>KubeClient</name>
    <message>
        <location filename="../engine/k8s/KubeClient.cpp" line="+85"/>
        <source>cannot read the %1 file %2: %3</source>
        <translation>не удаётся прочитать файл %1 %2: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the path in the kubeconfig (relative paths are read from the file&apos;s folder).</source>
        <translation>Проверьте путь в kubeconfig (относительные пути отсчитываются от каталога этого файла).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the %1 file %2 is too large for a PEM file</source>
        <translation>файл %1 %2 слишком велик для PEM-файла</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the Kubernetes request was cancelled</source>
        <translation>запрос к Kubernetes отменён</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>context &quot;%1&quot; in %2</source>
        <translation>контекст &quot;%1&quot; в %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the server &quot;%1&quot; of %2 is not an http(s) URL</source>
        <translation>%2: сервер &quot;%1&quot; — не URL http(s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A cluster&apos;s server looks like https://host:6443.</source>
        <translation>Адрес сервера кластера имеет вид https://host:6443.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the server %1 of %2 is plain http, which would send credentials in clear</source>
        <translation>%2: сервер %1 использует простой http, при котором учётные данные передавались бы открытым текстом</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the API server&apos;s https address; plain http is accepted only on this machine (127.0.0.1, as kubectl proxy serves).</source>
        <translation>Используйте https-адрес API-сервера; простой http допускается только на этой машине (127.0.0.1, как у kubectl proxy).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sets proxy-url, which Tideline does not support yet</source>
        <translation>%1: задан proxy-url, который Tideline пока не поддерживает</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reach the API server directly, or through `kubectl proxy` and a context whose server is http://127.0.0.1:8001.</source>
        <translation>Подключайтесь к API-серверу напрямую или через `kubectl proxy` и контекст с сервером http://127.0.0.1:8001.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the user of %1 uses the legacy auth-provider &quot;%2&quot;, which Tideline does not run</source>
        <translation>%1: пользователь использует устаревший auth-provider &quot;%2&quot;, который Tideline не запускает</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch the context to the provider&apos;s exec plugin (kubectl removed auth-provider support in 1.26; e.g. gke-gcloud-auth-plugin, kubelogin).</source>
        <translation>Переключите контекст на exec-плагин провайдера (kubectl убрал поддержку auth-provider в 1.26; например, gke-gcloud-auth-plugin, kubelogin).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the exec plugin of %1 asks for apiVersion &quot;%2&quot;</source>
        <translation>%1: exec-плагин запрашивает apiVersion &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use client.authentication.k8s.io/v1 or v1beta1 (v1alpha1 is gone from kubectl).</source>
        <translation>Используйте client.authentication.k8s.io/v1 или v1beta1 (v1alpha1 из kubectl удалён).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the exec plugin of %1 names no command</source>
        <translation>%1: у exec-плагина не указана команда</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the exec plugin of %1 has no interactiveMode</source>
        <translation>%1: у exec-плагина нет interactiveMode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>client.authentication.k8s.io/v1 requires interactiveMode (Never or IfAvailable).</source>
        <translation>client.authentication.k8s.io/v1 требует interactiveMode (Never или IfAvailable).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the exec plugin %1 of %2 needs a terminal (interactiveMode: Always)</source>
        <translation>%2: exec-плагину %1 нужен терминал (interactiveMode: Always)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log in with the plugin in a terminal first, or use a context whose plugin can run unattended.</source>
        <translation>Сначала войдите через плагин в терминале или используйте контекст, плагин которого работает без участия пользователя.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>certificate-authority</source>
        <translation>certificate-authority</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the certificate authority of %1 holds no PEM certificate</source>
        <translation>%1: данные УЦ не содержат PEM-сертификата</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>tokenFile</source>
        <translation>tokenFile</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>client-certificate</source>
        <translation>client-certificate</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>client-key</source>
        <translation>client-key</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Run the plugin by hand (%1) to see why; the kubeconfig is %2.</source>
        <translation>Запустите плагин вручную (%1), чтобы узнать причину; kubeconfig: %2.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>the exec credential plugin %1 could not start: %2</source>
        <translation>не удалось запустить exec-плагин учётных данных %1: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the exec credential plugin %1 did not answer within %2 s</source>
        <translation>exec-плагин учётных данных %1 не ответил за %2 с</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the exec credential plugin %1 failed (exit %2)</source>
        <translation>exec-плагин учётных данных %1 завершился с ошибкой (код %2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the exec credential plugin %1 answered badly: %2</source>
        <translation>exec-плагин учётных данных %1 вернул некорректный ответ: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not an ExecCredential</source>
        <translation>это не ExecCredential</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>apiVersion &quot;%1&quot; where the kubeconfig asks for &quot;%2&quot;</source>
        <translation>apiVersion &quot;%1&quot;, а kubeconfig требует &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>neither a token nor a client certificate and key</source>
        <translation>нет ни токена, ни клиентского сертификата с ключом</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expirationTimestamp &quot;%1&quot; is not RFC 3339</source>
        <translation>expirationTimestamp &quot;%1&quot; не в формате RFC 3339</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the credential expired at %1</source>
        <translation>срок действия учётных данных истёк в %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the user of context &quot;%1&quot;</source>
        <translation>пользователь контекста &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the client certificate of %1 is not a PEM certificate</source>
        <translation>%1: клиентский сертификат — не PEM-сертификат</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the client key of %1 is not an unencrypted PEM RSA or EC key</source>
        <translation>%1: клиентский ключ — не незашифрованный PEM-ключ RSA или EC</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>the API server %1 stopped answering</source>
        <translation>API-сервер %1 перестал отвечать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the TLS handshake with the API server %1 failed</source>
        <translation>не удалось установить TLS-соединение с API-сервером %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot reach the API server %1</source>
        <translation>не удаётся связаться с API-сервером %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the context&apos;s certificate-authority and tls-server-name (kubectl uses the same).</source>
        <translation>Проверьте certificate-authority и tls-server-name контекста (kubectl использует те же).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the network and the server address in %1 (context &quot;%2&quot;).</source>
        <translation>Проверьте сеть и адрес сервера в %1 (контекст &quot;%2&quot;).</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>the API server %1 did not accept the credentials of context &quot;%2&quot;</source>
        <translation>API-сервер %1 не принял учётные данные контекста &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The exec plugin %1 gave a credential the server refused; log in with it again.</source>
        <translation>Exec-плагин %1 выдал учётные данные, которые сервер отверг; войдите через него заново.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The token or client certificate in %1 is expired or wrong.</source>
        <translation>Токен или клиентский сертификат в %1 просрочен или неверен.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the API server %1 forbids %2 %3</source>
        <translation>API-сервер %1 запрещает %2 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tideline needs &quot;%1&quot; on %2. Check with: kubectl auth can-i %1 %2%3</source>
        <translation>Tideline нужно право &quot;%1&quot; на %2. Проверьте: kubectl auth can-i %1 %2%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CloudNativePG is not installed in this cluster (%1)</source>
        <translation>CloudNativePG не установлен в этом кластере (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No API group postgresql.cnpg.io: check the context, or install the CNPG operator.</source>
        <translation>Нет группы API postgresql.cnpg.io: проверьте контекст или установите оператор CNPG.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the Barman Cloud plugin is not installed in this cluster (%1)</source>
        <translation>плагин Barman Cloud не установлен в этом кластере (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No API group barmancloud.cnpg.io: clusters here back up with the in-tree barmanObjectStore, or the plugin is missing.</source>
        <translation>Нет группы API barmancloud.cnpg.io: кластеры здесь делают резервные копии через встроенный barmanObjectStore, либо плагин не установлен.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 not found on %2</source>
        <translation>%1 не найден на %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the name and the context.</source>
        <translation>Проверьте имя и контекст.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the name and the namespace (%1).</source>
        <translation>Проверьте имя и пространство имён (%1).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the API server %1 answered HTTP %2</source>
        <translation>API-сервер %1 ответил HTTP %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The API server is failing or overloaded; try again shortly.</source>
        <translation>API-сервер неисправен или перегружен; повторите попытку чуть позже.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the API server&apos;s answer for %1 is not a JSON object</source>
        <translation>ответ API-сервера для %1 — не объект JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A proxy between Tideline and the API server may be rewriting answers.</source>
        <translation>Возможно, прокси между Tideline и API-сервером изменяет ответы.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 answered more than %2 bytes</source>
        <translation>%1 ответил больше чем %2 байт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That is not what this endpoint serves: check the pod and the port.</source>
        <translation>Эта точка такого не отдаёт: проверьте под и порт.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>the API server&apos;s list of %1 has no items array</source>
        <translation>в списке %1 от API-сервера нет массива items</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the API server&apos;s list of %1 holds a non-object</source>
        <translation>в списке %1 от API-сервера есть элемент, не являющийся объектом</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the API server&apos;s list of %1 does not end (page %2)</source>
        <translation>список %1 на API-сервере не кончается (страница %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A proxy or API server in between is replaying pages; list with kubectl to compare.</source>
        <translation>Прокси или API-сервер по пути повторяет страницы; сравните со списком kubectl.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>the watch on %1 sent a line that is not an event</source>
        <translation>watch для %1 прислал строку, не являющуюся событием</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>the watch on %1 sent an event over 32 MiB</source>
        <translation>watch для %1 прислал событие больше 32 МиБ</translation>
    </message>
</context>
<context>
    <name>Kubeconfig</name>
    <message>
        <location filename="../engine/k8s/Kubeconfig.cpp" line="+35"/>
        <source>a string</source>
        <translation>строкой</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>true or false</source>
        <translation>true или false</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>base64 data</source>
        <translation>данными base64</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>a list</source>
        <translation>списком</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a list of maps</source>
        <translation>списком словарей</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>a map</source>
        <translation>словарём</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>kubeconfig %1: &quot;%2&quot; must be %3</source>
        <translation>kubeconfig %1: поле &quot;%2&quot; должно быть %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+66"/>
        <location line="+59"/>
        <source>Fix the file (kubectl config view shows what kubectl makes of it).</source>
        <translation>Исправьте файл (kubectl config view покажет, как его понимает kubectl).</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>kubeconfig %1 is not valid YAML (line %2)</source>
        <translation>kubeconfig %1 — некорректный YAML (строка %2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>kubeconfig %1 is not a Config map</source>
        <translation>kubeconfig %1 не является словарём Config</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A kubeconfig starts with &quot;apiVersion: v1&quot; and &quot;kind: Config&quot;.</source>
        <translation>Файл kubeconfig начинается с &quot;apiVersion: v1&quot; и &quot;kind: Config&quot;.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>kubeconfig %1 could not be read</source>
        <translation>не удалось прочитать kubeconfig %1</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>kubeconfig %1 does not exist</source>
        <translation>kubeconfig %1 не существует</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check --kubeconfig.</source>
        <translation>Проверьте --kubeconfig.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>kubeconfig %1 cannot be read: %2</source>
        <translation>не удаётся прочитать kubeconfig %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the file&apos;s permissions.</source>
        <translation>Проверьте права доступа к файлу.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kubeconfig %1 is too large to be one</source>
        <translation>файл %1 слишком велик для kubeconfig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check --kubeconfig and KUBECONFIG.</source>
        <translation>Проверьте --kubeconfig и KUBECONFIG.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>KUBECONFIG names no file</source>
        <translation>KUBECONFIG не указывает ни одного файла</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no kubeconfig found (looked for %1)</source>
        <translation>kubeconfig не найден (искали: %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass --kubeconfig FILE or set KUBECONFIG.</source>
        <translation>Укажите --kubeconfig FILE или задайте KUBECONFIG.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the kubeconfig sets no current context</source>
        <translation>в kubeconfig не задан текущий контекст</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass --context NAME; known contexts: %1.</source>
        <translation>Укажите --context NAME; известные контексты: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>context &quot;%1&quot; is not in the kubeconfig</source>
        <translation>контекста &quot;%1&quot; нет в kubeconfig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Known contexts: %1.</source>
        <translation>Известные контексты: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>context &quot;%1&quot; names cluster &quot;%2&quot;, which the kubeconfig does not define</source>
        <translation>контекст &quot;%1&quot; ссылается на кластер &quot;%2&quot;, который не определён в kubeconfig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the kubeconfig (kubectl config get-clusters lists the defined ones).</source>
        <translation>Исправьте kubeconfig (определённые в нём кластеры выводит kubectl config get-clusters).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cluster &quot;%1&quot; in the kubeconfig has no server</source>
        <translation>у кластера &quot;%1&quot; в kubeconfig не указан сервер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set clusters[].cluster.server to the API server&apos;s https:// URL.</source>
        <translation>Укажите в clusters[].cluster.server URL API-сервера вида https://.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>context &quot;%1&quot; names user &quot;%2&quot;, which the kubeconfig does not define</source>
        <translation>контекст &quot;%1&quot; ссылается на пользователя &quot;%2&quot;, который не определён в kubeconfig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the kubeconfig (kubectl config get-users lists the defined ones).</source>
        <translation>Исправьте kubeconfig (определённых в нём пользователей выводит kubectl config get-users).</translation>
    </message>
</context>
<context>
    <name>LagHistory</name>
    <message>
        <location filename="../engine/monitor/LagHistory.cpp" line="+63"/>
        <source>archiving history: %1: %2</source>
        <translation>история архивации: %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the data directory is writable and the disk is not full.</source>
        <translation>Проверьте, что каталог данных доступен для записи и диск не заполнен.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>the SQLite driver of Qt SQL is missing</source>
        <translation>нет драйвера SQLite для Qt SQL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install libqt6sql6-sqlite.</source>
        <translation>Установите libqt6sql6-sqlite.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is not an SQLite database</source>
        <translation>%1 — не база данных SQLite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move it away; Tideline starts a new history.</source>
        <translation>Переместите его; Tideline начнёт новую историю.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 was written by a newer Tideline (schema %2)</source>
        <translation>%1 записан более новой версией Tideline (схема %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use that version, or move the file away.</source>
        <translation>Используйте ту версию или переместите файл.</translation>
    </message>
</context>
<context>
    <name>ListObjectsParser</name>
    <message>
        <location filename="../engine/storage/ListObjectsParser.cpp" line="+389"/>
        <source>the bucket listing could not be parsed: %1</source>
        <translation>не удалось разобрать список объектов бакета: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+64"/>
        <source>The endpoint may not be S3-compatible; check --endpoint-url.</source>
        <translation>Эндпоинт, возможно, не совместим с S3; проверьте --endpoint-url.</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>root element &lt;%1&gt; instead of &lt;ListBucketResult&gt;</source>
        <translation>корневой элемент &lt;%1&gt; вместо &lt;ListBucketResult&gt;</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>bad &lt;Size&gt; &quot;%1&quot;</source>
        <translation>неверный &lt;Size&gt; &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the answer to a delete could not be parsed: %1</source>
        <translation>не удалось разобрать ответ на удаление: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>root element &lt;%1&gt; instead of &lt;DeleteResult&gt;</source>
        <translation>корневой элемент &lt;%1&gt; вместо &lt;DeleteResult&gt;</translation>
    </message>
</context>
<context>
    <name>LocalStore</name>
    <message>
        <location filename="../engine/storage/LocalStore.cpp" line="+36"/>
        <source>%1 was cancelled</source>
        <translation>%1: отменено</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>cannot read directory %1: %2</source>
        <translation>не удаётся прочитать каталог %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the permissions and the mount of the file:// source.</source>
        <translation>Проверьте права доступа и монтирование источника file://.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>directory %1 does not exist</source>
        <translation>каталог %1 не существует</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the path of the file:// source (file:///absolute/dir).</source>
        <translation>Проверьте путь источника file:// (file:///absolute/dir).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;%1&quot; is not a valid key for %2</source>
        <translation>&quot;%1&quot; — недопустимый ключ для %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys are relative paths without &quot;..&quot; segments.</source>
        <translation>Ключи — относительные пути без сегментов &quot;..&quot;.</translation>
    </message>
    <message>
        <location line="+54"/>
        <location line="+13"/>
        <location line="+12"/>
        <source>listing %1</source>
        <translation>получение списка %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>negative range offset reading %1</source>
        <translation>отрицательное смещение диапазона при чтении %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>reading %1: the requested range is beyond the end of the object</source>
        <translation>чтение %1: запрошенный диапазон за концом объекта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the object&apos;s size (head) before reading a range.</source>
        <translation>Проверьте размер объекта (head) перед чтением диапазона.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>offset %1, size %2</source>
        <translation>смещение %1, размер %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot read %1: %2</source>
        <translation>не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the file&apos;s permissions.</source>
        <translation>Проверьте права доступа к файлу.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot seek in %1</source>
        <translation>не удаётся перейти к позиции в %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+17"/>
        <source>reading %1</source>
        <translation>чтение %1</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>%1 ended %2 bytes early (was it truncated while being read?)</source>
        <translation>%1 закончился на %2 байт раньше (файл обрезали во время чтения?)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry once the writer is done.</source>
        <translation>Повторите, когда запись завершится.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 does not exist in %2</source>
        <translation>%1 не существует в %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the key; list its prefix to see what is there.</source>
        <translation>Проверьте ключ; выведите список объектов с его префиксом, чтобы увидеть, что там есть.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>writing %1</source>
        <translation>запись %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cannot create directory %1</source>
        <translation>не удаётся создать каталог %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <source>Check the permissions of the file:// source.</source>
        <translation>Проверьте права доступа к источнику file://.</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>cannot write %1: %2</source>
        <translation>не удаётся записать %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the permissions and free space of the file:// source.</source>
        <translation>Проверьте права доступа к источнику file:// и свободное место в нём.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>cannot delete %1: %2</source>
        <translation>не удалось удалить %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>deleting %1</source>
        <translation>удаление %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>the key has an empty or &quot;.&quot; segment</source>
        <translation>в ключе есть пустой сегмент или «.»</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not a directory inside the source</source>
        <translation>%1 — не каталог внутри источника</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>it is a directory</source>
        <translation>это каталог</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.ui" line="+28"/>
        <location line="+94"/>
        <source>&amp;Overview</source>
        <translation>&amp;Обзор</translation>
    </message>
    <message>
        <location line="-90"/>
        <location line="+91"/>
        <source>&amp;Backups</source>
        <translation>&amp;Резервные копии</translation>
    </message>
    <message>
        <location line="-87"/>
        <location line="+88"/>
        <source>&amp;WAL archive</source>
        <translation>&amp;Архив WAL</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+85"/>
        <source>B&amp;ucket</source>
        <translation>&amp;Бакет</translation>
    </message>
    <message>
        <location line="-81"/>
        <location line="+87"/>
        <source>U&amp;sage</source>
        <translation>&amp;Использование</translation>
    </message>
    <message>
        <location line="-83"/>
        <location line="+78"/>
        <source>&amp;Timeline</source>
        <translation>&amp;Шкала времени</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Main toolbar</source>
        <translation>Основная панель</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Transfers</source>
        <translation>Передачи</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Add object store…</source>
        <translation>&amp;Добавить хранилище…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add store</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit connection…</source>
        <translation>&amp;Изменить подключение…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove connection</source>
        <translation>&amp;Удалить подключение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reload</source>
        <translation>&amp;Перечитать</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read the bucket again (F5)</source>
        <translation>Прочитать бакет заново (F5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel all jobs</source>
        <translation>&amp;Отменить все задания</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Re&amp;tention…</source>
        <translation>Политика &amp;хранения…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What a retention policy deletes from the current server, keep annotations, and applying it</source>
        <translation>Что политика хранения удалит с текущего сервера, закрепления копий и применение политики</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Doctor…</source>
        <translation>&amp;Диагностика…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check the current source (and its cluster) against the runbook&apos;s failure list</source>
        <translation>Проверить текущий источник (и его кластер) по списку неполадок из runbook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify…</source>
        <translation>&amp;Проверить…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read every backup and WAL segment of the current server as a restore would, and list what is wrong</source>
        <translation>Прочитать все копии и сегменты WAL текущего сервера так, как их читает восстановление, и перечислить ошибки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore…</source>
        <translation>&amp;Восстановить…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A CNPG manifest, a local restore or a restore drill of the current server</source>
        <translation>Манифест CNPG, локальное восстановление или учебное восстановление текущего сервера</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Transfers panel</source>
        <translation>Панель &amp;передач</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times in &amp;UTC</source>
        <translation>&amp;Время в UTC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times in &amp;local time</source>
        <translation>&amp;Местное время</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Light theme</source>
        <translation>&amp;Светлая тема</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark theme</source>
        <translation>&amp;Тёмная тема</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Tideline</source>
        <translation>&amp;О программе Tideline</translation>
    </message>
</context>
<context>
    <name>ManifestCommand</name>
    <message>
        <location filename="../src/cli/ManifestCommand.cpp" line="+31"/>
        <source>manifest needs --cluster NAME</source>
        <translation>для manifest нужен --cluster NAME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name the recovered cluster, e.g. --cluster pg-main-restored.</source>
        <translation>Задайте имя восстановленного кластера, например --cluster pg-main-restored.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown --mode &apos;%1&apos;</source>
        <translation>неизвестное значение --mode &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use --mode new (a new cluster) or --mode in-place (replace the cluster).</source>
        <translation>Используйте --mode new (новый кластер) или --mode in-place (замена кластера).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--instances must be a positive number</source>
        <translation>--instances должен быть положительным числом</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>note: %1</source>
        <translation>примечание: %1</translation>
    </message>
    <message>
        <location filename="../src/cli/ManifestCommand.h" line="+18"/>
        <source>a CNPG Cluster that recovers the plan</source>
        <translation>Cluster CNPG, восстанавливающий по плану</translation>
    </message>
</context>
<context>
    <name>ManifestWriter</name>
    <message>
        <location filename="../engine/pitr/ManifestWriter.cpp" line="+155"/>
        <source>no manifest for a refused plan: %1</source>
        <translation>для отклонённого плана манифест не создаётся: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; is not a valid cluster name</source>
        <translation>&apos;%1&apos; — недопустимое имя кластера</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use lower-case letters, digits and &apos;-&apos;, at most 63 characters (an RFC 1123 label).</source>
        <translation>Используйте строчные буквы, цифры и &apos;-&apos;, не более 63 символов (метка RFC 1123).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; is not a valid namespace</source>
        <translation>&apos;%1&apos; — недопустимое пространство имён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use lower-case letters, digits and &apos;-&apos;, at most 63 characters.</source>
        <translation>Используйте строчные буквы, цифры и &apos;-&apos;, не более 63 символов.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the plan&apos;s backup %1 is not in the catalog</source>
        <translation>резервной копии плана %1 нет в каталоге</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>YAML emitter: %1</source>
        <translation>генератор YAML: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The Secret %1 (keys %2, %3) must exist in namespace %4 before you apply this. A ClusterExternalSecret only reaches namespaces that match its selector (the runbook&apos;s reaches namespaces labelled tier: application): label the namespace or create the Secret there.</source>
        <translation>Secret %1 (ключи %2, %3) должен существовать в пространстве имён %4 до того, как вы примените манифест. ClusterExternalSecret попадает только в пространства имён, подходящие под его селектор (в runbook — в помеченные tier: application): пометьте пространство имён или создайте Secret в нём.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The recovered cluster archives under serverName %1, not %2: CNPG refuses to archive into a serverName that already holds WAL (&quot;Expected empty archive&quot;).</source>
        <translation>Восстановленный кластер архивирует под serverName %1, а не %2: CNPG отказывается архивировать в serverName, где уже есть WAL («Expected empty archive»).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In-place recovery replaces cluster %1 in namespace %2. First delete it — this destroys its volumes; type the cluster name to confirm before you run: kubectl delete cluster %1 -n %2</source>
        <translation>Восстановление на месте заменяет кластер %1 в пространстве имён %2. Сначала удалите его — это уничтожит его тома; перед запуском введите имя кластера для подтверждения: kubectl delete cluster %1 -n %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>If a GitOps tool (ArgoCD, Flux) manages this cluster, make the same change in its source (bootstrap.recovery and the new serverName %1), or it will put the old spec back.</source>
        <translation>Если кластером управляет GitOps-инструмент (ArgoCD, Flux), внесите то же изменение в его источник (bootstrap.recovery и новый serverName %1), иначе он вернёт прежнюю спецификацию.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cloudflare R2: the AWS_REQUEST_CHECKSUM_CALCULATION and AWS_RESPONSE_CHECKSUM_VALIDATION=when_required environment is set, because newer AWS SDKs send checksums R2 rejects.</source>
        <translation>Cloudflare R2: заданы переменные окружения AWS_REQUEST_CHECKSUM_CALCULATION и AWS_RESPONSE_CHECKSUM_VALIDATION=when_required, потому что новые AWS SDK отправляют контрольные суммы, которые R2 отвергает.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The plan is uncertain: %1</source>
        <translation>Исход плана не гарантирован: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The plan is unverified: %1</source>
        <translation>План не проверен: %1</translation>
    </message>
</context>
<context>
    <name>ObjectMeta</name>
    <message>
        <location filename="../engine/k8s/ObjectMeta.cpp" line="+50"/>
        <source>the API server sent a resource named &quot;%1&quot;, which is not a Kubernetes name</source>
        <translation>API-сервер прислал ресурс с именем &quot;%1&quot;, недопустимым в Kubernetes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the API server sent %1 in namespace &quot;%2&quot;, which is not a namespace name</source>
        <translation>API-сервер прислал %1 в пространстве имён &quot;%2&quot;, а это недопустимое имя пространства имён</translation>
    </message>
</context>
<context>
    <name>ObjectStore</name>
    <message>
        <location filename="../engine/storage/ObjectStore.cpp" line="+63"/>
        <source>%1 cannot delete objects</source>
        <translation>%1 не умеет удалять объекты</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is not an object store</source>
        <translation>%1 — не объектное хранилище</translation>
    </message>
</context>
<context>
    <name>Output</name>
    <message>
        <location filename="../src/cli/Output.cpp" line="+31"/>
        <source>warning: %1</source>
        <translation>предупреждение: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>note: %1</source>
        <translation>примечание: %1</translation>
    </message>
</context>
<context>
    <name>PitrView</name>
    <message>
        <location filename="../ui/PitrView.ui" line="+12"/>
        <source>Wheel: zoom · drag: pan · click: pick the target time · hover: what is there</source>
        <translation>Колесо: масштаб · перетаскивание: сдвиг · щелчок: выбрать время цели · наведение: что там</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Days on which a backup finished are bold</source>
        <translation>Дни, в которые завершилась резервная копия, выделены жирным</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recovery target</source>
        <translation>Цель восстановления</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+26"/>
        <location line="+9"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>What the WAL records say happened in the visible range, dropped and truncated files first. Click one to restore to just before it.</source>
        <translation>Что произошло в видимом диапазоне по записям WAL; удалённые и усечённые файлы — первыми. Щелчок — восстановление до момента перед событием.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What happened here</source>
        <translation>Что здесь произошло</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TL</source>
        <translation>ЛВ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detail</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Transaction id (xid)</source>
        <translation>ID транзакции (xid)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore point name</source>
        <translation>Имя точки восстановления</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Immediate (end of the backup)</source>
        <translation>Сразу (конец копии)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Timeline</source>
        <translation>Линия времени</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exclusive (stop just before the target)</source>
        <translation>Исключая цель (остановиться перед ней)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A CNPG manifest, a local restore or a restore drill for this target</source>
        <translation>Манифест CNPG, локальное или учебное восстановление для этой цели</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore…</source>
        <translation>Восстановить…</translation>
    </message>
</context>
<context>
    <name>PlanCommand</name>
    <message>
        <location filename="../src/cli/PlanCommand.cpp" line="+38"/>
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backup</source>
        <extracomment>%1 is a backup ID, %2 its timeline</extracomment>
        <translation>Копия</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (timeline %2)</source>
        <translation>%1 (линия времени %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Timeline path</source>
        <translation>Линии времени</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WAL needed</source>
        <extracomment>%n segments, from %1 to %2, %3 bytes in all</extracomment>
        <translation>Нужен WAL</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n segment(s), %1 .. %2, %3</source>
        <translation>
            <numerusform>%n сегмент, %1 .. %2, %3</numerusform>
            <numerusform>%n сегмента, %1 .. %2, %3</numerusform>
            <numerusform>%n сегментов, %1 .. %2, %3</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WAL missing</source>
        <extracomment>%1 is how many WAL segments are missing, %2 the first missing one</extracomment>
        <translation>Нет WAL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, first %2</source>
        <translation>%1, первый — %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download</source>
        <translation>Загрузка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Estimated time</source>
        <translation>Оценка времени</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>about %1 s</source>
        <translation>около %1 с</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hint</source>
        <translation>Подсказка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try instead</source>
        <translation>Попробуйте</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>refused: %1</source>
        <translation>отказ: %1</translation>
    </message>
    <message>
        <location filename="../src/cli/PlanCommand.h" line="+16"/>
        <source>chosen backup, required WAL, size, warnings — or why not (exit 7 when refused)</source>
        <translation>выбранная копия, нужный WAL, размер, предупреждения — или причина отказа (код 7 при отказе)</translation>
    </message>
</context>
<context>
    <name>PrometheusText</name>
    <message>
        <location filename="../engine/monitor/PrometheusText.cpp" line="+239"/>
        <source>metrics line %1: %2</source>
        <translation>строка метрик %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The endpoint does not speak the Prometheus text format (0.0.4).</source>
        <translation>Точка не отдаёт текстовый формат Prometheus (0.0.4).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>longer than %1 bytes</source>
        <translation>длиннее %1 байт</translation>
    </message>
    <message>
        <location line="+15"/>
        <source># %1 without a metric name</source>
        <translation># %1 без имени метрики</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>unknown metric type &apos;%1&apos;</source>
        <translation>неизвестный тип метрики &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a second TYPE for %1</source>
        <translation>второй TYPE для %1</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+23"/>
        <source>not a metric name</source>
        <translation>это не имя метрики</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>more than %1 metric families</source>
        <translation>больше %1 семейств метрик</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>more than %1 labels</source>
        <translation>больше %1 меток</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not a label name in %1</source>
        <translation>не имя метки в %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>label %1 twice in %2</source>
        <translation>метка %1 дважды в %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;=&apos; expected after label %1</source>
        <translation>после метки %1 ожидается &apos;=&apos;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a quoted value expected for label %1</source>
        <translation>для метки %1 ожидается значение в кавычках</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the value of label %1 is not terminated</source>
        <translation>значение метки %1 не закрыто</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a bad escape in the value of label %1</source>
        <translation>неверная escape-последовательность в значении метки %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the value of label %1 is not UTF-8</source>
        <translation>значение метки %1 — не UTF-8</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;,&apos; or &apos;}&apos; expected in the labels of %1</source>
        <translation>в метках %1 ожидается &apos;,&apos; или &apos;}&apos;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;%1&apos; is not a value</source>
        <translation>&apos;%1&apos; — не значение</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; is not a timestamp</source>
        <translation>&apos;%1&apos; — не отметка времени</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>text after the timestamp</source>
        <translation>текст после отметки времени</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>more than %1 samples</source>
        <translation>больше %1 отсчётов</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more than %1 labels in all</source>
        <translation>больше %1 меток в сумме</translation>
    </message>
</context>
<context>
    <name>PythonLiteral</name>
    <message>
        <location filename="../engine/catalog/PythonLiteral.cpp" line="+30"/>
        <source>unexpected text after the value</source>
        <translation>неожиданный текст после значения</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>not a Python literal: %1 at character %2</source>
        <translation>не литерал Python: %1 в позиции %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>nesting too deep</source>
        <translation>слишком глубокая вложенность</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>unexpected end</source>
        <translation>неожиданный конец</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected character</source>
        <translation>неожиданный символ</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>expected &apos;,&apos; or &apos;%1&apos;</source>
        <translation>ожидалось &apos;,&apos; или &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>expected &apos;:&apos;</source>
        <translation>ожидалось &apos;:&apos;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>expected &apos;,&apos; or &apos;}&apos;</source>
        <translation>ожидалось &apos;,&apos; или &apos;}&apos;</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>expected a string</source>
        <translation>ожидалась строка</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot mix bytes and str literals</source>
        <translation>нельзя смешивать литералы bytes и str</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>unterminated string</source>
        <translation>незакрытая строка</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>newline inside a string</source>
        <translation>перевод строки внутри строки</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>code point out of range</source>
        <translation>кодовая точка вне диапазона</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>bad escape</source>
        <translation>неверная escape-последовательность</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>bad number &apos;%1&apos;</source>
        <translation>неверное число &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>RecoveryPlanner</name>
    <message>
        <location filename="../engine/pitr/RecoveryPlanner.cpp" line="+37"/>
        <source>ok</source>
        <comment>plan verdict</comment>
        <translation>допустимо</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <comment>plan verdict</comment>
        <translation>отклонено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>uncertain</source>
        <comment>plan verdict</comment>
        <translation>сомнительно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unverified</source>
        <comment>plan verdict</comment>
        <translation>не проверено</translation>
    </message>
    <message>
        <location line="+274"/>
        <source>there is no restore point named &apos;%1&apos; in the archived WAL</source>
        <translation>в заархивированном WAL нет точки восстановления «%1»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The archived WAL holds no restore point at all (pg_create_restore_point writes them).</source>
        <translation>В заархивированном WAL нет ни одной точки восстановления (их пишет pg_create_restore_point).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore points in the archive (newest last): %1</source>
        <translation>Точки восстановления в архиве (новейшая последней): %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>transaction %1 is a subtransaction of %2; recovery_target_xid only stops at top-level transactions</source>
        <translation>транзакция %1 — подтранзакция %2; recovery_target_xid останавливается только на транзакциях верхнего уровня</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Aim at the transaction it belongs to: --target-xid %1.</source>
        <translation>Укажите транзакцию, к которой она относится: --target-xid %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>transaction %1 never commits or aborts in the archived WAL</source>
        <translation>транзакция %1 ни зафиксирована, ни отменена в заархивированном WAL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the xid (the events command lists commits and aborts); a transaction still running, or one that wrote nothing, cannot be a target.</source>
        <translation>Проверьте xid (команда events перечисляет фиксации и отмены); ещё идущая транзакция или ничего не записавшая не может быть целью.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 is after the end of the archived WAL: no commit follows backup %2 on timeline %3</source>
        <translation>%1 — после конца заархивированного WAL: после резервной копии %2 на линии времени %3 нет ни одной фиксации</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore to the end of the backup (--target-immediate --backup-id %1), or wait for archiving to catch up.</source>
        <translation>Восстановите до конца резервной копии (--target-immediate --backup-id %1) или дождитесь, пока архивация догонит.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no commit after %1 is archived on timeline %2 (the last is at %3, xid %4, LSN %5), and PostgreSQL stops a time target only at a later commit</source>
        <translation>после %1 на линии времени %2 не заархивировано ни одной фиксации (последняя — %3, xid %4, LSN %5), а PostgreSQL останавливает цель по времени только на более поздней фиксации</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>To restore everything archived, that commit included: --target-lsn %1; or wait for archiving to catch up.</source>
        <translation>Чтобы восстановить всё заархивированное, включая эту фиксацию: --target-lsn %1; или дождитесь, пока архивация догонит.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>transaction id %1 also ended on timeline %2 at %3, a different transaction (a point-in-time recovery hands out xids again); this plan stops at the one on timeline %4 at %5</source>
        <translation>идентификатор транзакции %1 завершился и на линии времени %2 в %3 — это другая транзакция (после восстановления на момент времени xid выдаются заново); этот план останавливается на транзакции линии времени %4 в %5</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>transaction %1 rolled back (%2): recovery stops at its abort, so none of its changes are restored</source>
        <translation>транзакция %1 отменена (%2): восстановление остановится на её отмене, и ни одно её изменение не будет восстановлено</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>timeline %1 is not in the archive</source>
        <translation>линии времени %1 нет в архиве</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Known timelines: %1 (the wals command shows the tree).</source>
        <translation>Известные линии времени: %1 (дерево показывает команда wals).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>there is no backup &apos;%1&apos;</source>
        <translation>резервной копии &apos;%1&apos; нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the backups with the backups command, or leave --backup-id out to let Tideline choose.</source>
        <translation>Выведите список резервных копий командой backups или не указывайте --backup-id, чтобы Tideline выбрал сам.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose another backup, or leave --backup-id out.</source>
        <translation>Выберите другую резервную копию или не указывайте --backup-id.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>backup %1 ended after the target %2; recovery cannot go back in time</source>
        <translation>резервная копия %1 завершилась позже цели (%2); восстановление не может идти назад во времени</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a backup that ended before the target, or leave --backup-id out.</source>
        <translation>Выберите резервную копию, завершившуюся до цели, или не указывайте --backup-id.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no backup of server %1 can be restored</source>
        <translation>ни одну резервную копию сервера %1 нельзя восстановить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There are no backups yet: take one (a CNPG Backup or ScheduledBackup).</source>
        <translation>Резервных копий пока нет: создайте копию (CNPG Backup или ScheduledBackup).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every backup lacks WAL or tar files, or is unfinished; see the backups and wals commands.</source>
        <translation>Каждой резервной копии не хватает WAL или tar-файлов, либо она не завершена; см. команды backups и wals.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>no restorable backup lies on the history of timeline %1</source>
        <translation>в истории линии времени %1 нет ни одной восстановимой резервной копии</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick another --target-tli; the wals command shows the timeline tree.</source>
        <translation>Выберите другой --target-tli; дерево линий времени показывает команда wals.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is before the first recoverability point %2 (the end of the oldest restorable backup, %3)</source>
        <translation>цель (%1) раньше первой точки восстановимости %2 (конец самой старой восстановимой резервной копии, %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing older can be restored: the nearest point is the end of backup %1 (--target-immediate --backup-id %1).</source>
        <translation>Ничего более раннего восстановить нельзя: ближайшая точка — конец резервной копии %1 (--target-immediate --backup-id %1).</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>PostgreSQL would follow the history files to timeline %1 (latest), which does not descend from backup %2 on timeline %3 before it branched</source>
        <translation>PostgreSQL пойдёт по файлам истории к линии времени %1 (latest), которая не происходит от резервной копии %2 на линии времени %3 до точки ветвления</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give --target-tli with a timeline on the backup&apos;s history (the wals command shows the tree).</source>
        <translation>Укажите --target-tli с линией времени из истории резервной копии (дерево показывает команда wals).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backup %1 (timeline %2) is not on the history of timeline %3, or ended after timeline %3 branched off</source>
        <translation>резервная копия %1 (линия времени %2) не лежит в истории линии времени %3 или завершилась после ответвления линии времени %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a backup taken on timeline %1 or on an ancestor before the switch.</source>
        <translation>Выберите резервную копию, снятую на линии времени %1 или на её предке до переключения.</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>WAL segment %1 is missing from the archive, so replay from backup %2 stops before %3</source>
        <translation>сегмент WAL %1 отсутствует в архиве, поэтому воспроизведение от резервной копии %2 остановится, не дойдя до цели (%3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The archive has a gap (see the wals command). The nearest reachable point before it: %1; a later target needs a backup taken after the gap.</source>
        <translation>В архиве пропуск (см. команду wals). Ближайшая достижимая точка до него: %1; для более поздней цели нужна резервная копия, снятая после пропуска.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>LSN %1 is after the end of the archive on timeline %2 (last segment %3)</source>
        <translation>LSN %1 позже конца архива на линии времени %2 (последний сегмент %3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wait for archiving to catch up, or aim at %1.</source>
        <translation>Дождитесь, пока архивирование догонит, или укажите %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the target lies in the newest archived segment; if no record at or after it is archived yet, recovery ends before reaching it</source>
        <translation>цель лежит в самом новом заархивированном сегменте; если ни одна запись в этой точке или после неё ещё не заархивирована, восстановление закончится, не дойдя до цели</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>the newest archived segment was uploaded in the same second as the target (object stores keep upload times to the second); whether it holds a commit after the target is only known by replaying</source>
        <translation>самый новый заархивированный сегмент выгружен в ту же секунду, что и цель (объектные хранилища хранят время выгрузки с точностью до секунды); есть ли в нём фиксация после цели, покажет только воспроизведение</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is after the end of the archive: the newest segment on timeline %2 was uploaded at %3</source>
        <translation>цель (%1) позже конца архива: самый новый сегмент на линии времени %2 выгружен в %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wait for archiving to catch up (check the cluster&apos;s ContinuousArchiving condition), or aim at %1.</source>
        <translation>Дождитесь, пока архивирование догонит (проверьте условие ContinuousArchiving кластера), или укажите %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the target is later than the upload of the second-to-last archived segment; the last commit in the archive is not known without reading WAL, so PostgreSQL may end recovery before reaching it</source>
        <translation>цель позже выгрузки предпоследнего заархивированного сегмента; последняя фиксация в архиве неизвестна без чтения WAL, поэтому PostgreSQL может завершить восстановление, не дойдя до цели</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>WAL segment %1 is missing: if the target lies after it, recovery cannot reach it and ends there</source>
        <translation>сегмент WAL %1 отсутствует: если цель лежит после него, восстановление не сможет её достичь и закончится на нём</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>whether transaction %1 exists on this path is only known by replaying</source>
        <translation>есть ли транзакция %1 на этом пути, покажет только воспроизведение</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>whether restore point &apos;%1&apos; exists on this path is only known by replaying</source>
        <translation>есть ли точка восстановления &apos;%1&apos; на этом пути, покажет только воспроизведение</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>if the target is never reached, PostgreSQL stops with an error rather than promote; it must lie after backup %1 ended (%2), so for an older one pin an older backup with --backup-id</source>
        <translation>если цель так и не будет достигнута, PostgreSQL остановится с ошибкой, а не выполнит повышение; цель должна лежать после окончания резервной копии %1 (%2), поэтому для более ранней цели закрепите более старую копию с помощью --backup-id</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>barman-cloud-backup created this restore point right after backup %1 ended (%2)</source>
        <translation>barman-cloud-backup создал эту точку восстановления сразу после окончания резервной копии %1 (%2)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the archive holds timelines %1; replay follows %2 (recovery_target_timeline=%3); after a switch point each timeline holds different data, and --target-tli picks one</source>
        <translation>в архиве есть линии времени %1; воспроизведение идёт по %2 (recovery_target_timeline=%3); после точки переключения на каждой линии времени свои данные, и --target-tli выбирает одну из них</translation>
    </message>
</context>
<context>
    <name>RecoveryTarget</name>
    <message>
        <location filename="../engine/pitr/RecoveryTarget.cpp" line="+20"/>
        <source>time %1</source>
        <translation>время %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>xid %1</source>
        <translation>xid %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LSN %1</source>
        <translation>LSN %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>restore point &apos;%1&apos;</source>
        <translation>точка восстановления &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the end of the backup (immediate)</source>
        <translation>конец резервной копии (immediate)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&apos;%1&apos; is not a timeline</source>
        <translation>&apos;%1&apos; — не линия времени</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use --target-tli latest, current, or a timeline number such as 2.</source>
        <translation>Используйте --target-tli latest, current или номер линии времени, например 2.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&apos;%1&apos; is not a time</source>
        <translation>&apos;%1&apos; — не время</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write it as 2025-12-06T10:41:07+02:00 or 2025-12-06 10:41:07.5+02 (RFC 3339 or PostgreSQL&apos;s timestamptz form, with a UTC offset).</source>
        <translation>Укажите время в виде 2025-12-06T10:41:07+02:00 или 2025-12-06 10:41:07.5+02 (RFC 3339 или формат timestamptz PostgreSQL, со смещением от UTC).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the time &apos;%1&apos; has no UTC offset</source>
        <translation>у времени &apos;%1&apos; нет смещения от UTC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add one, e.g. %1+00:00 for UTC: without it PostgreSQL would read the time in the restored server&apos;s time zone.</source>
        <translation>Добавьте его, например %1+00:00 для UTC: без него PostgreSQL прочтёт время в часовом поясе восстановленного сервера.</translation>
    </message>
</context>
<context>
    <name>RelationNames</name>
    <message>
        <location filename="../engine/restore/RelationNames.cpp" line="+46"/>
        <source>cannot read relation names from the restored copy: %1</source>
        <translation>не удалось прочитать имена отношений из восстановленной копии: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the user, and ~/.pgpass or PGPASSFILE for its password.</source>
        <translation>Проверьте пользователя и его пароль в ~/.pgpass или PGPASSFILE.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the restored copy (pg_ctl start) and check the connection string.</source>
        <translation>Запустите восстановленную копию (pg_ctl start) и проверьте строку подключения.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>reading the restored copy&apos;s catalog failed: %1</source>
        <translation>не удалось прочитать каталог восстановленной копии: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user needs to connect to every database and read pg_class.</source>
        <translation>Пользователю нужно подключаться ко всем базам и читать pg_class.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reading relation names took longer than %1 s</source>
        <translation>чтение имён отношений заняло больше %1 с</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Point --names-from at the restored copy, not a busy production server.</source>
        <translation>Укажите в --names-from восстановленную копию, а не нагруженный рабочий сервер.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>libpq could not start a connection</source>
        <translation>libpq не смогла начать подключение</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the server did not complete the login within %1 s</source>
        <translation>сервер не завершил вход за %1 с</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server did not complete the login within %1 s (%2)</source>
        <translation>сервер не завершил вход за %1 с (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start the restored copy (pg_ctl start). An address that does not answer ends the login: name the restored copy&apos;s own first.</source>
        <translation>Запустите восстановленную копию (pg_ctl start). Адрес, который не отвечает, прерывает вход: укажите первым адрес самой восстановленной копии.</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>the connection string does not parse</source>
        <translation>строку подключения не удаётся разобрать</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the server lists more than %1 databases</source>
        <translation>сервер перечисляет больше %1 баз данных</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+35"/>
        <source>Point --names-from at the restored copy.</source>
        <translation>Укажите в --names-from восстановленную копию.</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+32"/>
        <source>database %1 skipped: %2</source>
        <extracomment>%1 is a database name, %2 why (libpq&apos;s words)</extracomment>
        <translation>база данных %1 пропущена: %2</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>the server names more than %1 relations</source>
        <translation>сервер называет больше %1 отношений</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>for example &quot;host=/tmp port=5433 dbname=postgres user=postgres&quot;</source>
        <translation>например &quot;host=/tmp port=5433 dbname=postgres user=postgres&quot;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the connection string holds a password</source>
        <translation>строка подключения содержит пароль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A command line shows in the process list: put the password in ~/.pgpass or a file named by PGPASSFILE.</source>
        <translation>Командная строка видна в списке процессов: поместите пароль в ~/.pgpass или в файл, указанный в PGPASSFILE.</translation>
    </message>
</context>
<context>
    <name>RestoreCommand</name>
    <message>
        <location filename="../src/cli/RestoreCommand.cpp" line="+36"/>
        <source>--jobs must be a number from 1 to 64</source>
        <translation>--jobs должен быть числом от 1 до 64</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown --target-action &apos;%1&apos;</source>
        <translation>неизвестное значение --target-action &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use pause (the default: inspect, then promote), promote or shutdown.</source>
        <extracomment>pause, promote and shutdown are values of --target-action: keep them.</extracomment>
        <translation>Используйте pause (по умолчанию: проверить, затем повысить), promote или shutdown.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--tablespace &apos;%1&apos; is not NAME=/absolute/dir</source>
        <translation>--tablespace &apos;%1&apos; не имеет вида NAME=/абсолютный/каталог</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example --tablespace tbs_one=/srv/restore/tbs_one.</source>
        <translation>Например, --tablespace tbs_one=/srv/restore/tbs_one.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>warning: %1</source>
        <translation>предупреждение: %1</translation>
    </message>
    <message>
        <location filename="../src/cli/RestoreCommand.h" line="+18"/>
        <source>base backup + recovery config, ready to start here</source>
        <translation>базовая копия и настройки восстановления, готовые к запуску здесь</translation>
    </message>
</context>
<context>
    <name>RestoreJob</name>
    <message>
        <location filename="../engine/restore/RestoreJob.cpp" line="+151"/>
        <source>extraction stopped</source>
        <translation>извлечение остановлено</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1: skipped %2 (%3)</source>
        <translation>%1: пропущен %2 (%3)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>restoring</source>
        <comment>progress</comment>
        <translation>восстановление</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>there is no user &apos;%1&apos; to own the restored data</source>
        <translation>нет пользователя &apos;%1&apos;, которому можно передать восстановленные данные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create it (Debian&apos;s postgresql package does) or pass the owner to use.</source>
        <translation>Создайте его (пакет postgresql в Debian это делает) или укажите владельца.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>cannot hand %1 to %2: %3</source>
        <translation>не удаётся передать %1 пользователю %2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the restore as root or as the owner.</source>
        <translation>Запустите восстановление от root или от имени владельца.</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>cannot write %1: %2</source>
        <translation>не удаётся записать %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+197"/>
        <source>Check free space and permissions of the destination.</source>
        <translation>Проверьте свободное место и права доступа в каталоге назначения.</translation>
    </message>
    <message>
        <location line="-165"/>
        <location line="+154"/>
        <source>%1 in the backup is not a regular file (a link or a directory)</source>
        <translation>%1 в резервной копии — не обычный файл (ссылка или каталог)</translation>
    </message>
    <message>
        <location line="-153"/>
        <location line="+154"/>
        <source>A PostgreSQL backup never holds one there; the archive is damaged or hostile. Choose another backup.</source>
        <translation>В резервной копии PostgreSQL такого там не бывает; архив повреждён или подделан. Выберите другую резервную копию.</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>cannot read %1: %2</source>
        <translation>не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>backup %1 did not restore a whole data directory: %2</source>
        <translation>резервная копия %1 не восстановила каталог данных целиком: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another backup (--backup-id); this one cannot be restored.</source>
        <translation>Выберите другую резервную копию (--backup-id); эту восстановить нельзя.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>global/pg_control is missing</source>
        <translation>нет global/pg_control</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>global/pg_control has %1 bytes, not 8192</source>
        <translation>global/pg_control занимает %1 байт, а не 8192</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>backup_label is missing</source>
        <translation>нет backup_label</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>postgresql.conf: disabled %1 (this copy&apos;s data is where it was restored)</source>
        <translation>postgresql.conf: отключён %1 (данные этой копии там, куда её восстановили)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>postgresql.conf: disabled %1 (the file is not in the backup)</source>
        <translation>postgresql.conf: отключено: %1 (файла нет в резервной копии)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>postgresql.auto.conf: replaced %1</source>
        <translation>postgresql.auto.conf: заменено: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>cannot keep the backup&apos;s pg_hba.conf: %1</source>
        <translation>не удаётся сохранить pg_hba.conf из резервной копии: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>removed %1 from the backup</source>
        <translation>удалён %1 из резервной копии</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cannot create %1: %2</source>
        <translation>не удаётся создать %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 in the backup is not a directory</source>
        <translation>%1 в резервной копии — не каталог</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PostgreSQL backup never holds a link there; choose another backup.</source>
        <translation>В резервной копии PostgreSQL там не бывает ссылки; выберите другую резервную копию.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Restored %1 into %2</source>
        <translation>Копия %1 восстановлена в %2</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>downloaded %1, written %2 (%n file(s)) in %3</source>
        <translation>
            <numerusform>загружено %1, записано %2 (%n файл) за %3</numerusform>
            <numerusform>загружено %1, записано %2 (%n файла) за %3</numerusform>
            <numerusform>загружено %1, записано %2 (%n файлов) за %3</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start it as the data&apos;s owner, with the store&apos;s credentials in the environment:</source>
        <translation>Запустите от имени владельца данных, с учётными данными хранилища в окружении:</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>cannot read %1</source>
        <translation>не удаётся прочитать %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot give %1 back to its owner</source>
        <translation>не удаётся вернуть %1 владельцу</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the plan is refused: %1</source>
        <translation>план отклонён: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backup %1 is not in the catalog</source>
        <translation>резервной копии %1 нет в каталоге</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reload the catalog and plan again.</source>
        <translation>Перечитайте каталог и постройте план заново.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the destination must be an absolute path</source>
        <translation>каталог назначения должен быть абсолютным путём</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a full path such as /var/lib/postgresql/restore.</source>
        <translation>Укажите полный путь, например /var/lib/postgresql/restore.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 holds a restore that never finished (%2)</source>
        <translation>%1 содержит незавершённое восстановление (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing in it is usable: remove it, and any tablespace directory that restore was given, then restore again.</source>
        <translation>Ничем из этого нельзя пользоваться: удалите каталог и все каталоги табличных пространств, переданные тому восстановлению, затем восстановите заново.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is not empty</source>
        <translation>%1 не пуст</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore into a new or empty directory; Tideline never overwrites data.</source>
        <translation>Восстанавливайте в новый или пустой каталог; Tideline никогда не перезаписывает данные.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>backup %1 is PostgreSQL %2, and there are no PostgreSQL %2 server binaries in %3</source>
        <translation>резервная копия %1 — это PostgreSQL %2, а серверных программ PostgreSQL %2 в %3 нет</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Install them (on Debian: apt-get install postgresql-%1), or restore on a machine that has them.</source>
        <translation>Установите их (в Debian: apt-get install postgresql-%1) или восстанавливайте на машине, где они есть.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>tablespace %1&apos;s location %2 is not empty</source>
        <translation>расположение %2 табличного пространства %1 не пусто</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relocate it with --tablespace %1=/an/empty/dir.</source>
        <translation>Перенесите его с помощью --tablespace %1=/an/empty/dir.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>backup %1 has no tablespace &apos;%2&apos;</source>
        <translation>в резервной копии %1 нет табличного пространства &apos;%2&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup&apos;s tablespaces are listed by the show command.</source>
        <translation>Табличные пространства резервной копии выводит команда show.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 has %2 MiB free, the backup needs at least %3 MiB</source>
        <translation>в %1 свободно %2 МиБ, а резервной копии нужно не меньше %3 МиБ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free space or restore elsewhere.</source>
        <translation>Освободите место или восстанавливайте в другое место.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>free space is less than 3x the compressed backup: extraction may run out of room</source>
        <translation>свободного места меньше трёхкратного размера сжатой резервной копии: при извлечении место может закончиться</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>restore cancelled; %1 is marked incomplete</source>
        <translation>восстановление отменено; %1 помечен как незавершённый</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 (%3 is marked incomplete)</source>
        <translation>%1: %2 (%3 помечен как незавершённый)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>cannot link %1 to %2</source>
        <translation>не удаётся создать ссылку %1 на %2</translation>
    </message>
    <message>
        <location line="-419"/>
        <location line="+119"/>
        <location line="+301"/>
        <source>Check permissions of the destination.</source>
        <translation>Проверьте права доступа в каталоге назначения.</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>backup %1 is incomplete in the bucket: %2</source>
        <translation>резервная копия %1 в бакете неполная: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose another backup (--backup-id); an interrupted upload or delete leaves a backup like this one.</source>
        <translation>Выберите другую резервную копию (--backup-id); такую оставляет прерванная выгрузка или удаление.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>tablespace %1&apos;s location %2 is not an absolute path</source>
        <translation>расположение %2 табличного пространства %1 — не абсолютный путь</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a full path: --tablespace %1=/an/empty/dir.</source>
        <translation>Укажите полный путь: --tablespace %1=/пустой/каталог.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>tablespace %1 (%2 in the backup) restored into %3</source>
        <translation>табличное пространство %1 (%2 в резервной копии) восстановлено в %3</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>%1 (%2 is marked incomplete)</source>
        <translation>%1 (%2 помечен как незавершённый)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>checkpoint_timeout and max_wal_size are raised in postgresql.auto.conf for replay; if this server is to stay, reset them after promotion (ALTER SYSTEM RESET checkpoint_timeout; ALTER SYSTEM RESET max_wal_size)</source>
        <translation>checkpoint_timeout и max_wal_size увеличены в postgresql.auto.conf для воспроизведения; если сервер останется работать, сбросьте их после повышения (ALTER SYSTEM RESET checkpoint_timeout; ALTER SYSTEM RESET max_wal_size)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>cannot flush %1 to disk: %2</source>
        <translation>не удаётся сбросить %1 на диск: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the destination&apos;s disk; %1 stays marked incomplete.</source>
        <translation>Проверьте диск каталога назначения; %1 остаётся помеченным как незавершённый.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>restored</source>
        <comment>progress</comment>
        <translation>восстановлено</translation>
    </message>
</context>
<context>
    <name>RestoreWizard</name>
    <message>
        <location filename="../ui/RestoreWizard.ui" line="+12"/>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where recovery stops, as picked on the timeline.</source>
        <translation>Где остановится восстановление — как выбрано на шкале времени.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>What to do</source>
        <translation>Что сделать</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A CNPG Cluster manifest that recovers this target</source>
        <translation>Манифест Cluster для CNPG, восстанавливающий эту цель</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A local restore into a directory on this machine</source>
        <translation>Локальное восстановление в каталог на этой машине</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A restore drill: restore, start PostgreSQL 15, check, clean up</source>
        <translation>Учебное восстановление: восстановить, запустить PostgreSQL 15, проверить, очистить</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mode</source>
        <translation>Режим</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New cluster</source>
        <translation>Новый кластер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In place (disaster recovery: the old cluster is deleted and recreated)</source>
        <translation>На месте (аварийное восстановление: старый кластер удаляется и создаётся заново)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cluster name</source>
        <translation>Имя кластера</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Namespace</source>
        <translation>Пространство имён</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Credentials Secret</source>
        <translation>Secret с ключами</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The Kubernetes Secret holding the bucket&apos;s keys: only its name is written</source>
        <translation>Secret Kubernetes с ключами бакета: записывается только его имя</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Plugin ObjectStore</source>
        <translation>ObjectStore плагина</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>empty: in-tree barmanObjectStore; else the plugin&apos;s ObjectStore name</source>
        <translation>пусто: встроенный barmanObjectStore; иначе имя ObjectStore плагина</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Destination</source>
        <translation>Каталог</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>an absent or empty directory</source>
        <translation>несуществующий или пустой каталог</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Parallel parts</source>
        <translation>Параллельных частей</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>At the target</source>
        <translation>По достижении цели</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Check queries</source>
        <translation>Проверочные запросы</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>One SQL query per line; each must run and must not answer false.
SELECT count(*) &gt; 0 FROM orders</source>
        <translation>По одному SQL-запросу на строку; каждый должен выполниться и не вернуть false.
SELECT count(*) &gt; 0 FROM orders</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Review</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cancel the run</source>
        <translation>Прервать</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save…</source>
        <translation>Сохранить…</translation>
    </message>
</context>
<context>
    <name>RetentionCommand</name>
    <message>
        <location filename="../src/cli/RetentionCommand.cpp" line="+77"/>
        <source>Policy</source>
        <translation>Политика</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum redundancy</source>
        <translation>Минимальная избыточность</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Now</source>
        <translation>Сейчас</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Point of recoverability</source>
        <translation>Точка восстановимости</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+47"/>
        <source>BACKUP ID</source>
        <translation>ID КОПИИ</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>STATUS</source>
        <translation>СТАТУС</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ACTION</source>
        <translation>ДЕЙСТВИЕ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REASON</source>
        <translation>ПРИЧИНА</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>delete</source>
        <translation>удалить</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>keep</source>
        <translation>оставить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nothing restorable</source>
        <translation>восстанавливать нечего</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backups to delete</source>
        <translation>Копий к удалению</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAL files to delete</source>
        <translation>Файлов WAL к удалению</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2), below %3</source>
        <translation>%1 (%2), ниже %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Freed</source>
        <translation>Освободится</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restorable from</source>
        <translation>Восстановимо с</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, then %2</source>
        <translation>%1, затем %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WAL of %1</source>
        <translation>WAL копии %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stays: %1</source>
        <translation>остаётся: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>TIERS</source>
        <translation>УРОВНИ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ANNOTATION</source>
        <translation>АННОТАЦИЯ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>keep:standalone (new)</source>
        <translation>keep:standalone (новая)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>release (out of every tier)</source>
        <translation>снять (вне всех уровней)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>already kept</source>
        <translation>уже закреплена</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tiers %1:</source>
        <translation>Уровни %1:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>retention needs --policy</source>
        <translation>retention требует --policy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the cluster&apos;s retentionPolicy, e.g. --policy 30d (also 4w, 6m).</source>
        <translation>Укажите retentionPolicy кластера, например --policy 30d (также 4w, 6m).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--minimum-redundancy needs a whole number of backups, got &apos;%1&apos;</source>
        <translation>--minimum-redundancy требует целого числа копий, получено «%1»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For example --minimum-redundancy 2.</source>
        <translation>Например --minimum-redundancy 2.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--apply deletes backups and WAL: it needs --confirm with the server&apos;s name</source>
        <translation>--apply удаляет копии и WAL: нужен --confirm с именем сервера</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run without --apply first to see what goes, then add --apply --confirm SERVER.</source>
        <translation>Сначала запустите без --apply и посмотрите, что будет удалено, затем добавьте --apply --confirm SERVER.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--confirm goes with --apply</source>
        <translation>--confirm используется вместе с --apply</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without --apply, retention only shows what would go.</source>
        <translation>Без --apply retention только показывает, что было бы удалено.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--now previews a future date; it cannot be applied</source>
        <translation>--now показывает будущую дату; применить его нельзя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop --now to apply the policy as of today.</source>
        <translation>Уберите --now, чтобы применить политику на сегодня.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--confirm &apos;%1&apos; does not name the server &apos;%2&apos;</source>
        <translation>--confirm «%1» не совпадает с именем сервера «%2»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the server&apos;s name exactly: --confirm %1</source>
        <translation>Введите имя сервера точно: --confirm %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>dry run: nothing was deleted; to delete, add --apply --confirm %1</source>
        <translation>пробный запуск: ничего не удалено; чтобы удалить, добавьте --apply --confirm %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>retention cannot be applied: %1</source>
        <translation>политику хранения нельзя применить: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the plan changed between planning and applying</source>
        <translation>план изменился между планированием и применением</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Deleted %n objects (%1 backups).</source>
        <translation>
            <numerusform>Удалён %n объект (копий: %1).</numerusform>
            <numerusform>Удалено %n объекта (копий: %1).</numerusform>
            <numerusform>Удалено %n объектов (копий: %1).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the store refused multi-object deletes; objects were deleted one request each</source>
        <translation>хранилище отказало в пакетном удалении; объекты удалены по одному запросу на каждый</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not deleted: %1: %2</source>
        <translation>не удалено: %1: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>retention deleted the backups but %n WAL files stayed</source>
        <translation>
            <numerusform>политика хранения удалила копии, но остался %n файл WAL</numerusform>
            <numerusform>политика хранения удалила копии, но остались %n файла WAL</numerusform>
            <numerusform>политика хранения удалила копии, но осталось %n файлов WAL</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>retention stopped at backup %1: %n objects could not be deleted</source>
        <translation>
            <numerusform>политика хранения остановилась на копии %1: не удалось удалить %n объект</numerusform>
            <numerusform>политика хранения остановилась на копии %1: не удалось удалить %n объекта</numerusform>
            <numerusform>политика хранения остановилась на копии %1: не удалось удалить %n объектов</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the cause above and run the same command again: it finishes what is left.</source>
        <translation>Устраните причину выше и запустите ту же команду снова: она доделает оставшееся.</translation>
    </message>
    <message>
        <location filename="../src/cli/RetentionCommand.h" line="+23"/>
        <source>what a retention policy keeps and deletes (a dry run unless --apply), with barman&apos;s semantics</source>
        <translation>что политика хранения оставляет и удаляет (пробный запуск без --apply), по правилам barman</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <location filename="../ui/RetentionDialog.ui" line="+9"/>
        <source>Retention</source>
        <translation>Политика хранения</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Policy:</source>
        <translation>&amp;Политика:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>30d, 4w, 6m or REDUNDANCY 3</source>
        <translation>30d, 4w, 6m или REDUNDANCY 3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Minimum redundancy:</source>
        <translation>&amp;Минимальная избыточность:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Tiers:</source>
        <translation>&amp;Уровни:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>daily=7,weekly=4,monthly=12</source>
        <translation>daily=7,weekly=4,monthly=12</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep the newest restorable backup of each of the last N days, ISO weeks and months as barman&apos;s keep:standalone, beyond the policy&apos;s window. Only keeps written for a tier are ever released.</source>
        <translation>Сохранять самую новую восстановимую копию каждого из последних N дней, недель ISO и месяцев как keep:standalone barman, сверх окна политики. Снимаются только пометки, поставленные для уровня.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preview &amp;at:</source>
        <translation>Просмотр &amp;на дату:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>See what the policy would delete on a later date; only today&apos;s verdict can be applied.</source>
        <translation>Посмотреть, что политика удалит в будущую дату; применить можно только сегодняшний вердикт.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Selected backup:</source>
        <translation>Выбранная копия:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep &amp;full</source>
        <translation>Закрепить &amp;полностью</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep this backup and every WAL file after it (barman&apos;s keep:full).</source>
        <translation>Сохранить эту копию и весь WAL после неё (keep:full в barman).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep &amp;standalone</source>
        <translation>Закрепить &amp;автономно</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep this backup and only the WAL it needs to be consistent (barman&apos;s keep:standalone).</source>
        <translation>Сохранить эту копию и только WAL, нужный ей для согласованности (keep:standalone в barman).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Release keep</source>
        <translation>&amp;Снять закрепление</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Apply</source>
        <translation>Применение</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the server&apos;s name to &amp;confirm:</source>
        <translation>Введите имя сервера для &amp;подтверждения:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Delete what is greyed</source>
        <translation>&amp;Удалить выделенное серым</translation>
    </message>
</context>
<context>
    <name>RetentionJob</name>
    <message>
        <location filename="../engine/retention/RetentionJob.cpp" line="+30"/>
        <source>retention cannot run safely: %1</source>
        <translation>политику хранения нельзя безопасно выполнить: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix or remove what is named (barman-cloud-backup-delete refuses too), then run again.</source>
        <translation>Исправьте или удалите названное (barman-cloud-backup-delete тоже откажется), затем запустите снова.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>retention cancelled before anything was deleted</source>
        <translation>политика хранения отменена до каких-либо удалений</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>deleting</source>
        <translation>удаление</translation>
    </message>
</context>
<context>
    <name>RetentionPlanner</name>
    <message>
        <location filename="../engine/retention/RetentionPlanner.cpp" line="+89"/>
        <source>an older backup (%1) remains and needs this WAL to reach the present</source>
        <translation>остаётся более старая копия (%1), и ей нужен этот WAL, чтобы дойти до настоящего</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an older backup (%1) is kept in full and needs this WAL</source>
        <translation>более старая копия (%1) закреплена полностью (full), и ей нужен этот WAL</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>backup.info is unreadable: nothing can be deleted safely until it is fixed or removed</source>
        <translation>backup.info не читается: безопасно удалить ничего нельзя, пока его не исправят или не удалят</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>backup %1&apos;s backup.info is unreadable</source>
        <translation>backup.info копии %1 не читается</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no backup.info (still running, or it never finished): retention does not see it</source>
        <translation>нет backup.info (копия ещё идёт или не завершилась): политика хранения её не видит</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>status %1: only DONE backups are rated, and never deleted</source>
        <translation>статус %1: оцениваются только копии DONE; эта не удаляется никогда</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>kept by its keep annotation (%1)</source>
        <translation>закреплена аннотацией keep (%1)</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>one of the %n newest backups</source>
        <translation>
            <numerusform>одна из %n самой новой копии</numerusform>
            <numerusform>одна из %n самых новых копий</numerusform>
            <numerusform>одна из %n самых новых копий</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>older than the %n newest backups</source>
        <translation>
            <numerusform>старше %n самой новой копии</numerusform>
            <numerusform>старше %n самых новых копий</numerusform>
            <numerusform>старше %n самых новых копий</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>backup %1 is DONE but has no end_time</source>
        <translation>копия %1 в статусе DONE, но без end_time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DONE without an end time: it cannot be placed against the window</source>
        <translation>DONE без времени окончания: её нельзя соотнести с окном</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>outside the window, kept for the minimum redundancy of %1</source>
        <translation>вне окна, оставлена ради минимальной избыточности %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>older than the newest backup that ended before the point of recoverability</source>
        <translation>старше самой новой копии, завершившейся до точки восстановимости</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the newest backup that ended before the point of recoverability: restores to the window&apos;s start begin here</source>
        <translation>самая новая копия, завершившаяся до точки восстановимости: восстановление к началу окна начинается с неё</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ended inside the recovery window</source>
        <translation>завершилась внутри окна восстановления</translation>
    </message>
</context>
<context>
    <name>RetentionPolicy</name>
    <message>
        <location filename="../engine/retention/RetentionPolicy.cpp" line="+46"/>
        <source>&quot;%1&quot; is not a retention policy</source>
        <translation>«%1» — не политика хранения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use CNPG&apos;s form (30d, 4w, 6m: a number from 1 and d, w or m) or barman&apos;s (RECOVERY WINDOW OF 30 DAYS, REDUNDANCY 3).</source>
        <translation>Используйте форму CNPG (30d, 4w, 6m: число от 1 и d, w или m) или barman (RECOVERY WINDOW OF 30 DAYS, REDUNDANCY 3).</translation>
    </message>
</context>
<context>
    <name>RetentionRun</name>
    <message>
        <location filename="../engine/retention/RetentionRun.cpp" line="+42"/>
        <source>retention cannot run safely: %1</source>
        <translation>хранение нельзя выполнить безопасно: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix or remove what is named, then run again.</source>
        <translation>Исправьте или удалите названное и запустите снова.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the tiers&apos; keep annotations are written, but the bucket changed meanwhile: nothing was deleted</source>
        <translation>пометки keep для уровней записаны, но бакет тем временем изменился: ничего не удалено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look at the plan again, then apply.</source>
        <translation>Посмотрите план ещё раз и примените.</translation>
    </message>
</context>
<context>
    <name>RetentionTiers</name>
    <message>
        <location filename="../engine/retention/RetentionTiers.cpp" line="+40"/>
        <source>&quot;%1&quot; is not a list of tiers</source>
        <translation>«%1» — не список уровней</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use daily=N,weekly=N,monthly=N (any of them), e.g. --tiers weekly=8,monthly=12.</source>
        <translation>Используйте daily=N,weekly=N,monthly=N (любые из них), например --tiers weekly=8,monthly=12.</translation>
    </message>
</context>
<context>
    <name>S3Store</name>
    <message>
        <location filename="../engine/storage/S3Transport.cpp" line="+135"/>
        <source>Check --endpoint-url (or AWS_ENDPOINT_URL) and that the endpoint is reachable.</source>
        <translation>Проверьте --endpoint-url (или AWS_ENDPOINT_URL) и доступность эндпоинта.</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Check the credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or --profile / AWS_PROFILE) and that they may read this bucket.</source>
        <translation>Проверьте учётные данные (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY или --profile / AWS_PROFILE) и их право читать этот бакет.</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>%1 was cancelled</source>
        <translation>%1: отменено</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>[authorization removed]</source>
        <translation>[авторизация удалена]</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Qt network error %1: %2</source>
        <translation>сетевая ошибка Qt %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the connection to %2 was refused</source>
        <translation>%1: в соединении с %2 отказано</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: host %2 not found</source>
        <translation>%1: узел %2 не найден</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the TLS handshake with %2 failed</source>
        <translation>%1: сбой TLS-рукопожатия с %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check --endpoint-url and the endpoint&apos;s certificate; for a private CA pass its PEM bundle in AWS_CA_BUNDLE.</source>
        <translation>Проверьте --endpoint-url и сертификат эндпоинта; для частного УЦ укажите его PEM-файл в AWS_CA_BUNDLE.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: network failure talking to %2</source>
        <translation>%1: сетевой сбой при обмене с %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>bucket &quot;%1&quot; does not exist at %2</source>
        <translation>бакет &quot;%1&quot; не существует на %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the bucket name and --endpoint-url (and --region).</source>
        <translation>Проверьте имя бакета и --endpoint-url (и --region).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 does not exist</source>
        <translation>%1 не существует</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the key; list its prefix to see what is there.</source>
        <translation>Проверьте ключ; выведите список объектов с его префиксом, чтобы увидеть, что там есть.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2 rejected the request signature</source>
        <translation>%1: %2 отклонил подпись запроса</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the secret access key for this access key id (environment or --profile).</source>
        <translation>Проверьте секретный ключ для этого ID ключа доступа (окружение или --profile).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 does not know the access key id</source>
        <translation>%1: %2 не знает этот ID ключа доступа</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the session token has expired</source>
        <translation>%1: срок действия токена сессии истёк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh the temporary credentials (AWS_SESSION_TOKEN or the profile).</source>
        <translation>Обновите временные учётные данные (AWS_SESSION_TOKEN или профиль).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the system clock differs too much from %2</source>
        <translation>%1: системные часы слишком расходятся с %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix the system clock (NTP): signatures are only valid for 15 minutes.</source>
        <translation>Исправьте системные часы (NTP): подписи действительны только 15 минут.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: access denied by %2</source>
        <translation>%1: %2 отказал в доступе</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: bucket &quot;%2&quot; is not served at %3 with region %4</source>
        <translation>%1: бакет &quot;%2&quot; не обслуживается на %3 в регионе %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check --region (R2 uses &quot;auto&quot;) and --endpoint-url.</source>
        <translation>Проверьте --region (R2 использует &quot;auto&quot;) и --endpoint-url.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use --region %1.</source>
        <translation>Используйте --region %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: the requested range is beyond the end of the object</source>
        <translation>%1: запрошенный диапазон за концом объекта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the object&apos;s size (head) before reading a range.</source>
        <translation>Проверьте размер объекта (head) перед чтением диапазона.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 was refused by %2</source>
        <translation>%1: %2 отклонил запрос</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The endpoint may not support this request; see the detail.</source>
        <translation>Эндпоинт, возможно, не поддерживает этот запрос; см. подробности.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>%1: no data from %2 for %3 ms</source>
        <translation>%1: нет данных от %2 в течение %3 мс</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stalled after %1 bytes</source>
        <translation>остановка после %1 байт</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (body cut after %2 bytes)</source>
        <translation>%1 (тело ответа оборвано после %2 байт)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: the body ended after %2 of %3 bytes</source>
        <translation>%1: тело ответа закончилось после %2 из %3 байт</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>an empty key was asked from s3://%1</source>
        <translation>из s3://%1 запрошен пустой ключ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the key &quot;%1&quot; has &quot;.&quot; or &quot;..&quot; segments, which Tideline cannot address</source>
        <translation>ключ &quot;%1&quot; содержит сегменты &quot;.&quot; или &quot;..&quot;, к которым Tideline не может обратиться</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the object without &quot;.&quot; or &quot;..&quot; path segments.</source>
        <translation>Переименуйте объект так, чтобы в пути не было сегментов &quot;.&quot; или &quot;..&quot;.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%1 failed after %n attempts: %2</source>
        <translation>
            <numerusform>%1: сбой после %n попытки: %2</numerusform>
            <numerusform>%1: сбой после %n попыток: %2</numerusform>
            <numerusform>%1: сбой после %n попыток: %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../engine/storage/S3Store.cpp" line="+87"/>
        <source>listing s3://%1/%2</source>
        <translation>получение списка s3://%1/%2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1: the endpoint listed %2 out of order or twice</source>
        <translation>%1: эндпоинт перечислил %2 не по порядку или дважды</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S3 lists each key once, in order, after start-after; report this endpoint&apos;s listing to its operator.</source>
        <translation>S3 перечисляет каждый ключ один раз, по порядку, после start-after; сообщите о листинге этого эндпоинта его оператору.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: the endpoint repeated its continuation token</source>
        <translation>%1: эндпоинт повторил свой токен продолжения</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>The endpoint&apos;s listing does not advance; report it to its operator.</source>
        <translation>Список объектов эндпоинта не продвигается; сообщите об этом его оператору.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>%1: a truncated listing page gave no way to continue</source>
        <translation>%1: усечённая страница списка не даёт способа продолжить</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: negative range offset</source>
        <translation>%1: отрицательное смещение диапазона</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1: the endpoint answered another range than asked</source>
        <translation>%1: эндпоинт вернул не тот диапазон, что был запрошен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The endpoint&apos;s Range support looks broken; report it to its operator.</source>
        <translation>Поддержка Range у эндпоинта, похоже, неисправна; сообщите об этом его оператору.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asked from byte %1</source>
        <translation>запрошено с байта %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: the object changed while it was being read</source>
        <translation>%1: объект изменился во время чтения</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Retry once the writer is done.</source>
        <translation>Повторите, когда запись завершится.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>%1: the object&apos;s size changed while it was being read</source>
        <translation>%1: размер объекта изменился во время чтения</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1: got %2 of %3 bytes</source>
        <translation>%1: получено %2 из %3 байт</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>reading the %1 setting of s3://%2</source>
        <translation>чтение настройки %1 у s3://%2</translation>
    </message>
    <message numerus="yes">
        <location line="+73"/>
        <source>deleting %n objects from s3://%1</source>
        <translation>
            <numerusform>удаление %n объекта из s3://%1</numerusform>
            <numerusform>удаление %n объектов из s3://%1</numerusform>
            <numerusform>удаление %n объектов из s3://%1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 refused to delete %2</source>
        <translation>%1 отказал в удалении %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the command again to retry what is left.</source>
        <translation>Запустите команду снова, чтобы повторить оставшееся.</translation>
    </message>
</context>
<context>
    <name>ServerCatalog</name>
    <message>
        <location filename="../engine/catalog/ServerCatalog.cpp" line="+40"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min %2 s</source>
        <translation>%1 мин %2 с</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+3"/>
        <source>none</source>
        <comment>compression</comment>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>backup %1 is %2, not a finished backup</source>
        <translation>резервная копия %1 в состоянии %2, она не завершена</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>backup %1 is incomplete in the bucket: %2</source>
        <translation>резервная копия %1 в бакете неполная: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>backup %1 cannot be restored: %3 WAL segment(s) it needs are missing, the first %2</source>
        <extracomment>%3 is how many WAL segments are missing, %2 the first missing one.</extracomment>
        <translation>
            <numerusform>резервную копию %1 нельзя восстановить: не хватает %3 нужного ей сегмента WAL, первый — %2</numerusform>
            <numerusform>резервную копию %1 нельзя восстановить: не хватает %3 нужных ей сегментов WAL, первый — %2</numerusform>
            <numerusform>резервную копию %1 нельзя восстановить: не хватает %3 нужных ей сегментов WAL, первый — %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>backup %1 cannot be restored: its backup.info names WAL %2 to %3, which do not fit the archive&apos;s segment size</source>
        <translation>резервную копию %1 нельзя восстановить: её backup.info называет WAL с %2 по %3, а эти имена не подходят к размеру сегмента архива</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>backup %1 cannot be restored: its backup.info ends the WAL at %2, before it begins at %3</source>
        <translation>резервную копию %1 нельзя восстановить: её backup.info заканчивает WAL на %2 — раньше, чем начинает (%3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>backup %1 cannot be restored: its backup.info begins the WAL at %2 and ends it at %3, on another timeline</source>
        <translation>резервную копию %1 нельзя восстановить: её backup.info начинает WAL с %2, а заканчивает на %3 — на другой линии времени</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>backup %1 has no readable WAL range in backup.info</source>
        <translation>в backup.info резервной копии %1 нет читаемого диапазона WAL</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no: tar files missing</source>
        <translation>нет: не хватает tar-файлов</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no: %1 WAL missing from %2</source>
        <extracomment>%1 is how many WAL segments are missing, %2 the first missing one.</extracomment>
        <translation>нет: не хватает сегментов WAL: %1, начиная с %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no: WAL names unfit for the segment size</source>
        <translation>нет: имена WAL не подходят к размеру сегмента</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no: end_wal before begin_wal</source>
        <translation>нет: end_wal раньше begin_wal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no: end_wal on another timeline</source>
        <translation>нет: end_wal на другой линии времени</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no: WAL range unreadable</source>
        <translation>нет: диапазон WAL не читается</translation>
    </message>
    <message numerus="yes">
        <location line="+233"/>
        <source>backups of %n different PostgreSQL clusters share the server name %1: %2. Two clusters are writing to one place (CNPG&apos;s &quot;Expected empty archive&quot; situation); give each its own serverName</source>
        <translation>
            <numerusform>резервные копии %n разного кластера PostgreSQL имеют общее имя сервера %1: %2. Несколько кластеров пишут в одно место (ситуация CNPG «Expected empty archive»); задайте каждому свой serverName</numerusform>
            <numerusform>резервные копии %n разных кластеров PostgreSQL имеют общее имя сервера %1: %2. Несколько кластеров пишут в одно место (ситуация CNPG «Expected empty archive»); задайте каждому свой serverName</numerusform>
            <numerusform>резервные копии %n разных кластеров PostgreSQL имеют общее имя сервера %1: %2. Несколько кластеров пишут в одно место (ситуация CNPG «Expected empty archive»); задайте каждому свой serverName</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>backup %1 has no backup.info: it never finished (%n objects, %2 bytes)</source>
        <translation>
            <numerusform>у резервной копии %1 нет backup.info: она так и не завершилась (%n объект, %2 байт)</numerusform>
            <numerusform>у резервной копии %1 нет backup.info: она так и не завершилась (%n объекта, %2 байт)</numerusform>
            <numerusform>у резервной копии %1 нет backup.info: она так и не завершилась (%n объектов, %2 байт)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>backup %1 says it ended at %2 but its backup.info was uploaded %3 later: the database host&apos;s clock and the object store&apos;s disagree</source>
        <translation>резервная копия %1 сообщает, что завершилась в %2, но её backup.info выгружен на %3 позже: часы узла базы данных и объектного хранилища расходятся</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backup %1 says it ended at %2 but its backup.info was uploaded %3 earlier: the database host&apos;s clock and the object store&apos;s disagree</source>
        <translation>резервная копия %1 сообщает, что завершилась в %2, но её backup.info выгружен на %3 раньше: часы узла базы данных и объектного хранилища расходятся</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>backup %1 records its times without a UTC offset; they are read as UTC</source>
        <translation>резервная копия %1 записывает время без смещения от UTC; оно читается как UTC</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no backup.info states the WAL segment size; %1 MiB was inferred from the segment names</source>
        <translation>ни один backup.info не указывает размер сегмента WAL; по именам сегментов выведен размер %1 МиБ</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 MiB (backup %2)</source>
        <extracomment>%1 is a size in MiB, %2 a backup id.</extracomment>
        <translation>%1 МиБ (резервная копия %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>backups state different WAL segment sizes: %1. One cluster has one size, so two clusters share this server name or a backup.info is damaged; %2 MiB, the newest backup&apos;s, is used</source>
        <translation>резервные копии указывают разные размеры сегмента WAL: %1. У одного кластера размер один, так что под этим именем сервера пишут два кластера или какой-то backup.info повреждён; используется %2 МиБ — размер самой новой копии</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n objects under wals/ are not WAL files and were ignored</source>
        <translation>
            <numerusform>%n объект в wals/ не является файлом WAL и был проигнорирован</numerusform>
            <numerusform>%n объекта в wals/ не являются файлами WAL и были проигнорированы</numerusform>
            <numerusform>%n объектов в wals/ не являются файлами WAL и были проигнорированы</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n WAL segments are archived more than once (different compressions); the first copy counts</source>
        <translation>
            <numerusform>%n сегмент WAL заархивирован более одного раза (с разным сжатием); учитывается первый экземпляр</numerusform>
            <numerusform>%n сегмента WAL заархивированы более одного раза (с разным сжатием); учитывается первый экземпляр</numerusform>
            <numerusform>%n сегментов WAL заархивированы более одного раза (с разным сжатием); учитывается первый экземпляр</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>listing</source>
        <extracomment>Progress phase: listing the server&apos;s objects in the store.</extracomment>
        <translation>получение списка</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>reading catalog</source>
        <extracomment>Progress phase: fetching backup.info and timeline history files.</extracomment>
        <translation>чтение каталога</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>no backups or WAL for server &apos;%1&apos; in %2</source>
        <translation>нет резервных копий и WAL для сервера &apos;%1&apos; в %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the server names with: tideline-cli servers %1</source>
        <translation>Выведите имена серверов командой: tideline-cli servers %1</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>%1 is unreadable: %2</source>
        <translation>%1 не читается: %2</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>no Barman Cloud server under %1</source>
        <translation>в %1 нет сервера Barman Cloud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the path: it is CNPG&apos;s destinationPath, without the server name</source>
        <translation>Проверьте путь: это destinationPath из CNPG, без имени сервера</translation>
    </message>
</context>
<context>
    <name>ServersCommand</name>
    <message>
        <location filename="../src/cli/ServersCommand.h" line="+14"/>
        <source>server names under a destination path</source>
        <translation>имена серверов в destinationPath</translation>
    </message>
</context>
<context>
    <name>ShowCommand</name>
    <message>
        <location filename="../src/cli/ShowCommand.cpp" line="+25"/>
        <source>no backup &apos;%1&apos; for server %2</source>
        <translation>нет резервной копии &apos;%1&apos; для сервера %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This server has no backups yet.</source>
        <translation>У этого сервера ещё нет резервных копий.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Known backups: %1 (or latest, oldest, a backup name).</source>
        <translation>Известные копии: %1 (или latest, oldest, имя копии).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Backup ID</source>
        <translation>ID копии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Begin time</source>
        <translation>Время начала</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End time</source>
        <translation>Время окончания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>Линия времени</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Begin WAL</source>
        <translation>WAL начала</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End WAL</source>
        <translation>WAL окончания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Begin LSN</source>
        <translation>LSN начала</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End LSN</source>
        <translation>LSN окончания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System ID</source>
        <translation>ID системы</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WAL segment size</source>
        <translation>Размер сегмента WAL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compression</source>
        <translation>Сжатие</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cluster size</source>
        <translation>Размер кластера</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tablespace</source>
        <extracomment>%1 is the tablespace name, %2 its oid, %3 its directory.</extracomment>
        <translation>Табличное пространство</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (oid %2) at %3</source>
        <translation>%1 (oid %2) в %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep</source>
        <translation>Хранить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size in bucket</source>
        <extracomment>%1 is a size, %2 a number of objects.</extracomment>
        <translation>Размер в бакете</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 in %2 objects</source>
        <translation>%1, объектов: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data files</source>
        <translation>Файлы данных</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restorable</source>
        <translation>Восстановима</translation>
    </message>
    <message>
        <location filename="../src/cli/ShowCommand.h" line="+14"/>
        <source>one backup (latest/oldest accepted as ids)</source>
        <translation>одна резервная копия (как ID принимаются latest/oldest)</translation>
    </message>
</context>
<context>
    <name>SourceAccess</name>
    <message>
        <location filename="../src/cli/SourceAccess.cpp" line="+37"/>
        <source>SERVER is needed: %1 sets no fullnameOverride, so the Helm release names the cluster</source>
        <translation>нужен SERVER: %1 не задаёт fullnameOverride, так что имя кластеру даёт релиз Helm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the cluster&apos;s name (its serverName) after the options, e.g. tideline-cli backups --helm-values values.yaml pg-main.</source>
        <translation>Укажите имя кластера (его serverName) после опций, например tideline-cli backups --helm-values values.yaml pg-main.</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>the WAL records could not be read, so the plan stands on upload times: %1</source>
        <extracomment>%1 is why the WAL could not be read</extracomment>
        <translation>записи WAL прочитать не удалось, план опирается на время загрузки: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>refused: %1</source>
        <translation>отказ: %1</translation>
    </message>
</context>
<context>
    <name>StatusCommand</name>
    <message>
        <location filename="../src/cli/StatusCommand.cpp" line="+76"/>
        <source>RECOVERABLE from %1 to %2 (timeline %3)</source>
        <extracomment>%1 and %2 are times, %3 a timeline number</extracomment>
        <translation>ВОССТАНОВИМО с %1 до %2 (линия времени %3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>RECOVERABLE ONLY from %1 to %2 (timeline %3): a gap stops replay after %4</source>
        <extracomment>%1 and %2 are times, %3 a timeline number, %4 a WAL segment name</extracomment>
        <translation>ВОССТАНОВИМО ТОЛЬКО с %1 до %2 (линия времени %3): пропуск останавливает воспроизведение после %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>NOT RECOVERABLE on timeline %1 (latest); timeline %2 is, from %3 to %4, with --target-tli %2</source>
        <extracomment>%1 and %2 are timeline numbers, %3 and %4 times</extracomment>
        <translation>НЕ ВОССТАНОВИМО на линии времени %1 (latest); линия времени %2 восстановима с %3 до %4 с --target-tli %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>NOT RECOVERABLE: no finished backup has all of its files and WAL in the archive</source>
        <translation>НЕ ВОССТАНОВИМО: ни у одной завершённой резервной копии нет в архиве всех её файлов и WAL</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (ended %2)</source>
        <extracomment>%1 is a backup ID, %2 a time</extracomment>
        <translation>%1 (завершена %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (uploaded %2)</source>
        <extracomment>%1 is a WAL segment name, %2 a time</extracomment>
        <translation>%1 (выгружен %2)</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n gap(s), %1 harmless</source>
        <extracomment>%n gaps in all, %1 of them harmless (older than every backup that needs them)</extracomment>
        <translation>
            <numerusform>%n пропуск, безвредных: %1</numerusform>
            <numerusform>%n пропуска, безвредных: %1</numerusform>
            <numerusform>%n пропусков, безвредных: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>last backup</source>
        <translation>последняя копия</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>last archived WAL</source>
        <translation>последний WAL в архиве</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WAL gaps</source>
        <translation>пропуски WAL</translation>
    </message>
    <message>
        <location filename="../src/cli/StatusCommand.h" line="+18"/>
        <source>the five-second answer: recoverable or not, from when to when (exit 7 when not)</source>
        <translation>ответ за пять секунд: восстановимо ли, с какого и по какой момент (код 7, если нет)</translation>
    </message>
</context>
<context>
    <name>StoreFactory</name>
    <message>
        <location filename="../engine/storage/StoreFactory.cpp" line="+31"/>
        <source>Use s3://bucket[/path] or file:///absolute/dir.</source>
        <translation>Используйте s3://bucket[/path] или file:///absolute/dir.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>&quot;%1&quot; does not name a bucket</source>
        <translation>&quot;%1&quot; не задаёт бакет</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not a local directory URL</source>
        <translation>&quot;%1&quot; — не URL локального каталога</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; needs an absolute path</source>
        <translation>&quot;%1&quot;: нужен абсолютный путь</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; is not a source URL</source>
        <translation>&quot;%1&quot; — не URL источника</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Give the endpoint as http(s)://host[:port], like https://ACCOUNT_ID.r2.cloudflarestorage.com or http://127.0.0.1:9000.</source>
        <translation>Укажите эндпоинт в виде http(s)://хост[:порт], например https://ACCOUNT_ID.r2.cloudflarestorage.com или http://127.0.0.1:9000.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&quot;%1&quot; is not an addressing style</source>
        <translation>«%1» — не стиль адресации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use path (http://host/bucket/key) or virtual (http://bucket.host/key).</source>
        <translation>Используйте path (http://host/bucket/key) или virtual (http://bucket.host/key).</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>bucket &quot;%1&quot; cannot be addressed as a host name</source>
        <translation>к бакету «%1» нельзя обратиться как к имени узла</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use --addressing-style path (or s3.addressing_style = path in the profile).</source>
        <translation>Используйте --addressing-style path (или s3.addressing_style = path в профиле).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>directory %1 does not exist</source>
        <translation>каталог %1 не существует</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the path of the file:// source (file:///absolute/dir).</source>
        <translation>Проверьте путь источника file:// (file:///absolute/dir).</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>profile &quot;%1&quot; was not found in the AWS credentials or config files</source>
        <translation>профиль &quot;%1&quot; не найден в файлах credentials и config AWS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check --profile, or AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE.</source>
        <translation>Проверьте --profile или AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no S3 credentials found for %1</source>
        <translation>не найдены учётные данные S3 для %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --profile with ~/.aws/credentials.</source>
        <translation>Задайте AWS_ACCESS_KEY_ID и AWS_SECRET_ACCESS_KEY или используйте --profile с ~/.aws/credentials.</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>&quot;%1&quot; is not a usable endpoint URL</source>
        <translation>&quot;%1&quot; — непригодный URL эндпоинта</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>the endpoint CA holds no PEM certificate</source>
        <translation>данные УЦ эндпоинта не содержат PEM-сертификата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Secret key named by endpointCA must hold PEM certificates.</source>
        <translation>Ключ Secret, указанный в endpointCA, должен содержать PEM-сертификаты.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot read the CA bundle %1: %2</source>
        <translation>не удаётся прочитать набор сертификатов УЦ %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Check AWS_CA_BUNDLE (a PEM file of trusted certificates).</source>
        <translation>Проверьте AWS_CA_BUNDLE (PEM-файл доверенных сертификатов).</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>the CA bundle %1 holds no PEM certificate</source>
        <translation>набор сертификатов УЦ %1 не содержит сертификатов PEM</translation>
    </message>
</context>
<context>
    <name>TarExtractor</name>
    <message>
        <location filename="../engine/restore/TarExtractor.cpp" line="+26"/>
        <source>unsafe or broken tar entry: %1</source>
        <translation>небезопасная или повреждённая запись tar: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup archive is damaged or was not written by barman; nothing outside the destination was touched.</source>
        <translation>Архив резервной копии повреждён или записан не barman; за пределами каталога назначения ничего не изменено.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Check free space and permissions of the destination.</source>
        <translation>Проверьте свободное место и права доступа в каталоге назначения.</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>the archive ends in the middle of a header</source>
        <translation>архив обрывается посреди заголовка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the archive ends in the middle of %1</source>
        <translation>архив обрывается посреди %1</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>bad header checksum after %n file(s)</source>
        <translation>
            <numerusform>неверная контрольная сумма заголовка после %n файла</numerusform>
            <numerusform>неверная контрольная сумма заголовка после %n файлов</numerusform>
            <numerusform>неверная контрольная сумма заголовка после %n файлов</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>bad numeric field in a header</source>
        <translation>неверное числовое поле в заголовке</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>an oversized extended header</source>
        <translation>слишком большой расширенный заголовок</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+17"/>
        <location line="+25"/>
        <source>cannot open %1</source>
        <translation>не удаётся открыть %1</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&apos;%1&apos; needs %2, which is not in the archive</source>
        <translation>&apos;%1&apos; ссылается на %2, которого нет в архиве</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>the name &apos;%1&apos; holds a control character or is not UTF-8</source>
        <translation>имя &apos;%1&apos; содержит управляющий символ или не в UTF-8</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+129"/>
        <source>&apos;%1&apos; points outside the destination</source>
        <translation>&apos;%1&apos; указывает за пределы каталога назначения</translation>
    </message>
    <message>
        <location line="-190"/>
        <location line="+23"/>
        <source>&apos;%1&apos; would be written through the symbolic link %2</source>
        <translation>&apos;%1&apos; пришлось бы записать через символьную ссылку %2</translation>
    </message>
    <message numerus="yes">
        <location line="-129"/>
        <source>the archive ends after %n file(s) without its end-of-archive marker: it was cut short</source>
        <translation>
            <numerusform>архив кончается после %n файла без маркера конца архива: он обрезан</numerusform>
            <numerusform>архив кончается после %n файлов без маркера конца архива: он обрезан</numerusform>
            <numerusform>архив кончается после %n файлов без маркера конца архива: он обрезан</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>a lone zero block in the middle of the archive</source>
        <translation>одиночный нулевой блок посреди архива</translation>
    </message>
    <message>
        <location line="+91"/>
        <location line="+23"/>
        <source>&apos;%1&apos; needs %2 to be a directory</source>
        <translation>для &apos;%1&apos; нужно, чтобы %2 был каталогом</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+117"/>
        <location line="+22"/>
        <source>cannot create %1</source>
        <translation>не удаётся создать %1</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>the link target of &apos;%1&apos; holds a control character or is not UTF-8 (&apos;%2&apos;)</source>
        <translation>цель ссылки &apos;%1&apos; содержит управляющий символ или не в UTF-8 (&apos;%2&apos;)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a file without a name</source>
        <translation>файл без имени</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+80"/>
        <location line="+43"/>
        <source>cannot replace %1</source>
        <translation>не удаётся заменить %1</translation>
    </message>
    <message>
        <location line="-183"/>
        <location line="+66"/>
        <source>&apos;%1&apos; is a directory in the archive and a file too</source>
        <translation>&apos;%1&apos; в архиве — и каталог, и файл</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+14"/>
        <location line="+27"/>
        <source>&apos;%1&apos; is a directory in the archive and a file or link too</source>
        <translation>&apos;%1&apos; в архиве — и каталог, и файл или ссылка</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+54"/>
        <source>a link without a name</source>
        <translation>ссылка без имени</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>tablespace link to %1 (recreated by the restore)</source>
        <translation>ссылка табличного пространства на %1 (восстановление создаёт её заново)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>link to %1 made a directory</source>
        <translation>ссылка на %1 заменена каталогом</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>the link &apos;%1&apos; -&gt; &apos;%2&apos; leaves the destination</source>
        <translation>ссылка &apos;%1&apos; -&gt; &apos;%2&apos; выходит за пределы каталога назначения</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+44"/>
        <source>cannot create link %1</source>
        <translation>не удаётся создать ссылку %1</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+6"/>
        <location line="+13"/>
        <source>the hard link &apos;%1&apos; points at &apos;%2&apos;, which is not an extracted file</source>
        <translation>жёсткая ссылка &apos;%1&apos; указывает на &apos;%2&apos;, а это не извлечённый файл</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&apos;%1&apos; is a device, FIFO or unknown entry type &apos;%2&apos;</source>
        <translation>&apos;%1&apos; — устройство, FIFO или неизвестный тип записи &apos;%2&apos;</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+83"/>
        <source>cannot write %1</source>
        <translation>не удаётся записать %1</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>the disk holding %1 is nearly full after %2 bytes were written</source>
        <translation>диск с %1 почти заполнен после записи %2 байт</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free space (the backup may be much larger than its compressed size), or restore elsewhere.</source>
        <translation>Освободите место (резервная копия может быть намного больше своего сжатого размера) или восстанавливайте в другое место.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a broken pax header</source>
        <translation>повреждённый заголовок pax</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>a broken pax record</source>
        <translation>повреждённая запись pax</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a sparse file, which no PostgreSQL backup holds</source>
        <translation>разреженный файл, которых не бывает в резервных копиях PostgreSQL</translation>
    </message>
</context>
<context>
    <name>TargetOptions</name>
    <message>
        <location filename="../src/cli/TargetOptions.cpp" line="+36"/>
        <source>no recovery target given</source>
        <translation>не задана цель восстановления</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Give exactly one of --target-time T, --target-xid X, --target-lsn L, --target-name N, --target-immediate.</source>
        <translation>Укажите ровно один из параметров: --target-time T, --target-xid X, --target-lsn L, --target-name N, --target-immediate.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>more than one recovery target given (%1)</source>
        <translation>задано больше одной цели восстановления (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 PostgreSQL refuses several.</source>
        <translation>%1 PostgreSQL не принимает несколько.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&apos;%1&apos; is not a transaction id</source>
        <translation>&apos;%1&apos; — не ID транзакции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A transaction id is a decimal number, as txid_current() prints it.</source>
        <translation>ID транзакции — десятичное число, как его выводит txid_current().</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;%1&apos; is not an LSN</source>
        <translation>&apos;%1&apos; — не LSN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write it as PostgreSQL prints pg_lsn, e.g. 0/5000028.</source>
        <translation>Запишите его так, как PostgreSQL выводит pg_lsn, например 0/5000028.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the restore point name is empty</source>
        <translation>имя точки восстановления пустое</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the name passed to pg_create_restore_point().</source>
        <translation>Укажите имя, переданное в pg_create_restore_point().</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--exclusive applies to time, xid and LSN targets only</source>
        <translation>--exclusive применим только к целям по времени, xid и LSN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave it out: a restore point or the end of a backup is a single point.</source>
        <translation>Уберите его: точка восстановления или конец копии — это одна точка.</translation>
    </message>
</context>
<context>
    <name>TimelineHistory</name>
    <message>
        <location filename="../engine/wal/TimelineHistory.cpp" line="+43"/>
        <source>The timeline history is damaged; PostgreSQL would refuse it too. Restore %1 from another copy (the primary&apos;s pg_wal) or remove it so the timeline is treated as a root.</source>
        <translation>История линии времени повреждена; PostgreSQL тоже отверг бы её. Восстановите %1 из другой копии (pg_wal основного сервера) или удалите его, чтобы линия времени считалась корневой.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1, line %2: %3 in %4</source>
        <translation>%1, строка %2: %3 в %4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>parent timeline out of range</source>
        <translation>родительская линия времени вне диапазона</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expected a decimal parent timeline</source>
        <translation>ожидался десятичный номер родительской линии времени</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>expected a switch point LSN (H/L)</source>
        <translation>ожидался LSN точки переключения (H/L)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>timeline 0 does not exist</source>
        <translation>линии времени 0 не существует</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>parent timeline %1 is not below %2</source>
        <translation>родительская линия времени %1 не меньше %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>parent timelines must increase (%1 after %2)</source>
        <translation>родительские линии времени должны возрастать (%1 после %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>switch point %1 is before the previous one, %2</source>
        <translation>точка переключения %1 раньше предыдущей, %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 names no parent timeline</source>
        <translation>%1 не указывает родительскую линию времени</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <location filename="../engine/core/Units.cpp" line="+18"/>
        <source>B</source>
        <translation>Б</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>KiB</source>
        <translation>КиБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MiB</source>
        <translation>МиБ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GiB</source>
        <translation>ГиБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TiB</source>
        <translation>ТиБ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PiB</source>
        <translation>ПиБ</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min %2 s</source>
        <translation>%1 мин %2 с</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 d %2 h</source>
        <translation>%1 д %2 ч</translation>
    </message>
</context>
<context>
    <name>UsageCommand</name>
    <message>
        <location filename="../src/cli/UsageCommand.cpp" line="+39"/>
        <source>SERVER</source>
        <translation>СЕРВЕР</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MONTH</source>
        <translation>МЕСЯЦ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BASE OBJECTS</source>
        <translation>ОБЪЕКТЫ КОПИЙ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BASE SIZE</source>
        <translation>РАЗМЕР КОПИЙ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WAL OBJECTS</source>
        <translation>ОБЪЕКТЫ WAL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WAL SIZE</source>
        <translation>РАЗМЕР WAL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TOTAL SIZE</source>
        <translation>ВСЕГО</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>all</source>
        <extracomment>the MONTH cell of a server&apos;s total row</extracomment>
        <translation>всего</translation>
    </message>
    <message>
        <location filename="../src/cli/UsageCommand.h" line="+14"/>
        <source>bytes and objects by server / base / wals / month</source>
        <translation>байты и объекты по серверам / base / wals / месяцам</translation>
    </message>
</context>
<context>
    <name>VerifyCommand</name>
    <message>
        <location filename="../src/cli/VerifyCommand.cpp" line="+18"/>
        <source>a backup id and --all together</source>
        <translation>идентификатор копии и --all вместе</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name one backup, or --all for every backup and the WAL</source>
        <translation>укажите одну копию или --all для всех копий и WAL</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--jobs wants a number from 1 to 64</source>
        <translation>--jobs ожидает число от 1 до 64</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>for example --jobs 4</source>
        <translation>например, --jobs 4</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backups verified</source>
        <translation>Проверены копии</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WAL</source>
        <extracomment>%1 segments present, %2 missing but older than every backup, %3 missing where a restore needs them</extracomment>
        <translation>WAL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 found, %2 missing before every backup (harmless), %3 missing where a restore needs them</source>
        <translation>найдено %1, отсутствует до всех копий (безвредно) %2, отсутствует там, где нужно восстановлению, %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Read now</source>
        <extracomment>%1 objects, %2 a size such as &quot;1.5 GiB&quot;</extracomment>
        <translation>Прочитано сейчас</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 objects, %2</source>
        <translation>объектов: %1, %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passed before</source>
        <translation>Проверено ранее</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 objects, unchanged since (--full reads them again)</source>
        <translation>объектов: %1, с тех пор не изменились (--full прочитает их заново)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>Итог</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n проблема</numerusform>
            <numerusform>%n проблемы</numerusform>
            <numerusform>%n проблем</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KIND</source>
        <translation>ВИД</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OBJECT</source>
        <translation>ОБЪЕКТ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PROBLEM</source>
        <translation>ПРОБЛЕМА</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n backup(s) not DONE (failed or unfinished) were left out; name one to check it</source>
        <translation>
            <numerusform>%n копия не в состоянии DONE (неудачная или незавершённая) пропущена; укажите её, чтобы проверить</numerusform>
            <numerusform>%n копии не в состоянии DONE (неудачные или незавершённые) пропущены; укажите копию, чтобы проверить</numerusform>
            <numerusform>%n копий не в состоянии DONE (неудачные или незавершённые) пропущены; укажите копию, чтобы проверить</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/VerifyCommand.h" line="+24"/>
        <source>read every backup and WAL object and report what a restore would trip on (exit 6)</source>
        <translation>прочитать все объекты копий и WAL и сообщить, на чём споткнётся восстановление (код 6)</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../ui/VerifyDialog.ui" line="+9"/>
        <source>Verify</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read &amp;everything again, even objects that passed before</source>
        <translation>Прочитать &amp;всё заново, даже объекты, прошедшие проверку раньше</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unchecked, objects whose ETag has not changed since they last passed are not downloaded again.</source>
        <translation>Если не отмечено, объекты, чей ETag не изменился с прошлой успешной проверки, заново не скачиваются.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Run again</source>
        <translation>&amp;Запустить снова</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Stop</source>
        <translation>&amp;Остановить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
</context>
<context>
    <name>VerifyJob</name>
    <message>
        <location filename="../engine/restore/VerifyJob.cpp" line="+219"/>
        <source>no backup %1 for server %2</source>
        <translation>у сервера %2 нет копии %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the backups with `tideline-cli backups SOURCE SERVER`.</source>
        <translation>Список копий: `tideline-cli backups SOURCE SERVER`.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>backup.info of backup %1 is unreadable</source>
        <translation>backup.info копии %1 не читается</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>backup %1 is %2, not DONE: it cannot be restored</source>
        <translation>копия %1 в состоянии %2, а не DONE: её нельзя восстановить</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+23"/>
        <source>verifying backups</source>
        <extracomment>Progress phase of verify.</extracomment>
        <translation>проверка копий</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>verify was cancelled</source>
        <translation>проверка отменена</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>backup %1: %2</source>
        <translation>копия %1: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>global/pg_control is not in the archive</source>
        <translation>в архиве нет global/pg_control</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>global/pg_control has %1 bytes, not 8192</source>
        <translation>в global/pg_control %1 байт, а не 8192</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PG_VERSION is not in the archive</source>
        <translation>в архиве нет PG_VERSION</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>backup_label is not in the archive</source>
        <translation>в архиве нет backup_label</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>backup_label is larger than 64 KiB</source>
        <translation>backup_label больше 64 КиБ</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>backup %1 is of the PostgreSQL cluster %2, the WAL archive of %3: it cannot be restored from here</source>
        <translation>копия %1 — от кластера PostgreSQL %2, а архив WAL — от %3: отсюда её не восстановить</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>the history file of timeline %1 does not parse</source>
        <translation>файл истории линии времени %1 не разбирается</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>timeline %1 has WAL but no history file: a restore cannot follow it</source>
        <translation>у линии времени %1 есть WAL, но нет файла истории: восстановление не сможет по ней пройти</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is missing: a restore from an earlier backup cannot replay past it</source>
        <translation>нет %1: восстановление из более ранней копии не пройдёт дальше него</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 segments are missing, %2 to %3: a restore from an earlier backup cannot replay past them</source>
        <translation>нет сегментов (%1) с %2 по %3: восстановление из более ранней копии не пройдёт дальше них</translation>
    </message>
</context>
<context>
    <name>WalFetcher</name>
    <message>
        <location filename="../engine/restore/WalFetcher.cpp" line="+55"/>
        <source>Check free space and permissions where the WAL file goes.</source>
        <translation>Проверьте свободное место и права доступа там, куда записывается файл WAL.</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>%1 holds no WAL at all for server %2</source>
        <translation>в %1 вообще нет WAL сервера %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the source is mounted and that the URL and server name are right; PostgreSQL is stopped rather than told the file was never archived.</source>
        <translation>Проверьте, что источник смонтирован, а URL и имя сервера верны; PostgreSQL останавливается, а не получает ответ, что файл не архивировался.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing under %1</source>
        <translation>под %1 ничего нет</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not in the archive at %2</source>
        <translation>%1 нет в архиве в %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal when PostgreSQL probes for a file that was never archived; otherwise check the source URL and the server name.</source>
        <translation>Это нормально, когда PostgreSQL проверяет наличие файла, который никогда не архивировался; в остальных случаях проверьте URL источника и имя сервера.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no object %1%2[.gz|.bz2|.xz|.zst|.lz4|.snappy]</source>
        <translation>нет объекта %1%2[.gz|.bz2|.xz|.zst|.lz4|.snappy]</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>cannot create %1: %2</source>
        <translation>не удаётся создать %1: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 decompresses to more than %2 bytes, larger than any WAL segment</source>
        <translation>%1 после распаковки больше %2 байт — больше любого сегмента WAL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 decompresses to more than %2 bytes, larger than any history file</source>
        <translation>%1 после распаковки больше %2 байт — больше любого файла истории</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The object is not a WAL file; check what wrote it.</source>
        <translation>Объект не является файлом WAL; выясните, что его записало.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>cannot write %1: %2</source>
        <translation>не удаётся записать %1: %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 was listed but could not be read: %2</source>
        <translation>%1 есть в списке, но прочитать его не удалось: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>s3 object %1</source>
        <translation>объект S3 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The archive holds a damaged or wrong file under this name; find out what wrote it before letting PostgreSQL replay further.</source>
        <translation>В архиве под этим именем лежит повреждённый или чужой файл; выясните, что его записало, прежде чем позволить PostgreSQL воспроизводить дальше.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it is shorter than a page header</source>
        <translation>он короче заголовка страницы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it cannot be read back</source>
        <translation>его не удаётся прочитать обратно</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not WAL segment %2: %3</source>
        <translation>%1 не является сегментом WAL %2: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is an empty history file</source>
        <translation>%1 — пустой файл истории</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is not a history file: %2</source>
        <translation>%1 не является файлом истории: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is not a backup history file</source>
        <translation>%1 не является файлом истории резервной копии</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot fsync %1: %2</source>
        <translation>не удаётся выполнить fsync для %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot rename to %1: %2</source>
        <translation>не удаётся переименовать в %1: %2</translation>
    </message>
</context>
<context>
    <name>WalRestoreCommand</name>
    <message>
        <location filename="../src/cli/WalRestoreCommand.cpp" line="+34"/>
        <source>%1 (still failing after %2 attempts in %3 s)</source>
        <extracomment>%1 is the error message, %2 how many attempts failed (always more than one), %3 over how many seconds.</extracomment>
        <translation>%1 (ошибка повторяется; попыток: %2, за %3 с)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>--prefetch takes a number of segments from 0 to %1</source>
        <translation>--prefetch принимает число сегментов от 0 до %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example --prefetch 8; 0 turns prefetching off.</source>
        <translation>Например, --prefetch 8; 0 отключает упреждающую загрузку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--retry-for takes seconds from 0 to 86400</source>
        <translation>--retry-for принимает число секунд от 0 до 86400</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example --retry-for 60.</source>
        <translation>Например, --retry-for 60.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>not a WAL file name</source>
        <translation>не имя файла WAL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PostgreSQL passes %f: a segment, .partial, .backup or .history name.</source>
        <extracomment>%f is PostgreSQL&apos;s placeholder in restore_command: keep it.</extracomment>
        <translation>PostgreSQL передаёт в %f имя сегмента или файла .partial, .backup или .history.</translation>
    </message>
    <message>
        <location filename="../src/cli/WalRestoreCommand.h" line="+26"/>
        <source>a restore_command: exit 1 only when the file is not archived, 255 on any other failure (default spool: DEST_PATH&apos;s directory/tideline-spool, prefetch 8, retry 60 s)</source>
        <translation>restore_command: код 1, только если файла нет в архиве, 255 при любой другой ошибке (по умолчанию: спул tideline-spool рядом с DEST_PATH, prefetch 8, повторы 60 с)</translation>
    </message>
</context>
<context>
    <name>WalsCommand</name>
    <message>
        <location filename="../src/cli/WalsCommand.cpp" line="+27"/>
        <source>TL</source>
        <extracomment>timeline column header (TLI)</extracomment>
        <translation>TL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PARENT</source>
        <extracomment>parent timeline column header</extracomment>
        <translation>РОДИТЕЛЬ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SWITCH LSN</source>
        <translation>LSN ПЕРЕКЛЮЧЕНИЯ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FIRST</source>
        <extracomment>first WAL segment column header</extracomment>
        <translation>ПЕРВЫЙ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LAST</source>
        <extracomment>last WAL segment column header</extracomment>
        <translation>ПОСЛЕДНИЙ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SEGMENTS</source>
        <translation>СЕГМЕНТЫ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SIZE</source>
        <translation>РАЗМЕР</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GAPS</source>
        <translation>ПРОПУСКИ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PARTIAL</source>
        <extracomment>number of .partial WAL files column header</extracomment>
        <translation>ЧАСТИЧНЫЕ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>LAST UPLOAD</source>
        <translation>ПОСЛЕДНЯЯ ВЫГРУЗКА</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>timeline %1: %n missing segment(s) %2 .. %3 (harmless: older than every backup that needs it)</source>
        <translation>
            <numerusform>линия времени %1: не хватает %n сегмента %2 .. %3 (безвредный пропуск: он раньше всех копий, которым мог бы понадобиться)</numerusform>
            <numerusform>линия времени %1: не хватает %n сегментов %2 .. %3 (безвредный пропуск: он раньше всех копий, которым мог бы понадобиться)</numerusform>
            <numerusform>линия времени %1: не хватает %n сегментов %2 .. %3 (безвредный пропуск: он раньше всех копий, которым мог бы понадобиться)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>timeline %1: %n missing segment(s) %2 .. %3 (recovery cannot cross it)</source>
        <translation>
            <numerusform>линия времени %1: не хватает %n сегмента %2 .. %3 (восстановление через этот пропуск не пройдёт)</numerusform>
            <numerusform>линия времени %1: не хватает %n сегментов %2 .. %3 (восстановление через этот пропуск не пройдёт)</numerusform>
            <numerusform>линия времени %1: не хватает %n сегментов %2 .. %3 (восстановление через этот пропуск не пройдёт)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (%2 harmful)</source>
        <translation>%1 (вредных: %2)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>WAL segment size: %1 (inferred from names)</source>
        <translation>Размер сегмента WAL: %1 (определён по именам)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAL segment size: %1</source>
        <translation>Размер сегмента WAL: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History files: %1</source>
        <translation>Файлы истории: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <comment>history files</comment>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../src/cli/WalsCommand.h" line="+14"/>
        <source>WAL archive per timeline: ranges, counts, bytes, gaps, history</source>
        <translation>архив WAL по линиям времени: диапазоны, количество, байты, пропуски, история</translation>
    </message>
</context>
<context>
    <name>WindowCommand</name>
    <message>
        <location filename="../src/cli/WindowCommand.cpp" line="+35"/>
        <source>the last commits could not be read from the WAL: %1</source>
        <extracomment>%1 is why the WAL could not be read</extracomment>
        <translation>последние фиксации не удалось прочитать из WAL: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>first recoverability point</source>
        <translation>первая точка восстановимости</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RECOVERABLE ONLY UNTIL</source>
        <extracomment>shouted on purpose: the recovery window ends early because of a gap</extracomment>
        <translation>ВОССТАНОВИМО ЛИШЬ ДО</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last archived WAL</source>
        <translation>последний WAL в архиве</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last commit</source>
        <translation>последняя фиксация</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Timeline %1</source>
        <translation>Линия времени %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nothing restorable: no complete backup reaches this timeline</source>
        <translation>восстановить нечего: ни одна завершённая копия не ведёт на эту линию времени</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (end of backup %2)</source>
        <extracomment>%1 is a time, %2 a backup ID</extracomment>
        <translation>%1 (конец копии %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (uploaded %2): a gap in the WAL archive cuts the window short</source>
        <extracomment>%1 is a WAL segment name, %2 the time it was uploaded</extracomment>
        <translation>%1 (выгружен %2): пропуск в архиве WAL обрывает окно</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (uploaded %2)</source>
        <extracomment>%1 is a WAL segment name, %2 the time it was uploaded</extracomment>
        <translation>%1 (выгружен %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (LSN %2, xid %3)</source>
        <extracomment>%1 is a time, %2 an LSN, %3 a transaction id</extracomment>
        <translation>%1 (LSN %2, xid %3)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>range  %1 .. %2 (from backup %3, WAL up to %4, then a gap)</source>
        <translation>диапазон  %1 .. %2 (от копии %3, WAL до %4, далее пропуск)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>range  %1 .. %2 (from backup %3, WAL up to %4)</source>
        <translation>диапазон  %1 .. %2 (от копии %3, WAL до %4)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Timeline %1, which a restore follows by default (latest), is not recoverable: no complete backup reaches its archived WAL (a gap at its start, or nothing archived on it yet). Restore with --target-tli to an older timeline, or take a new backup.</source>
        <extracomment>%1 is a timeline number</extracomment>
        <translation>Линия времени %1, по которой восстановление идёт по умолчанию (latest), не восстановима: ни одна полная резервная копия не доходит до её WAL в архиве (пропуск в её начале или в архиве на ней ещё ничего нет). Восстанавливайте с --target-tli на более старую линию времени или снимите новую резервную копию.</translation>
    </message>
    <message>
        <location filename="../src/cli/WindowCommand.h" line="+14"/>
        <source>recoverability window per timeline</source>
        <translation>окно восстановления по линиям времени</translation>
    </message>
</context>
<context>
    <name>tideline::gui::ArchivingChart</name>
    <message>
        <location filename="../src/views/ArchivingChart.cpp" line="+62"/>
        <source>No archiving readings yet in this range</source>
        <translation>В этом диапазоне ещё нет замеров архивации</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WAL not in the bucket (MiB)</source>
        <translation>WAL не в бакете (МиБ)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>archiving failing</source>
        <translation>архивация не работает</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>MiB</source>
        <translation>МиБ</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>segments uploaded per hour</source>
        <translation>сегментов загружено в час</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>segments/h</source>
        <translation>сегм./ч</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>timeline switch</source>
        <translation>смена линии времени</translation>
    </message>
</context>
<context>
    <name>tideline::gui::BackupHistoryView</name>
    <message numerus="yes">
        <location filename="../src/views/BackupHistoryView.cpp" line="+123"/>
        <source>&lt;b&gt;%n&lt;/b&gt; backup(s) of &lt;b&gt;%1&lt;/b&gt; · %2 restorable · %3 need attention</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; резервная копия сервера &lt;b&gt;%1&lt;/b&gt; · восстановимых: %2 · требуют внимания: %3</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; резервные копии сервера &lt;b&gt;%1&lt;/b&gt; · восстановимых: %2 · требуют внимания: %3</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; резервных копий сервера &lt;b&gt;%1&lt;/b&gt; · восстановимых: %2 · требуют внимания: %3</numerusform>
        </translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1 → %2%3 · timeline %4 · WAL %5 … %6 · LSN %7 … %8</source>
        <translation>%1 → %2%3 · линия времени %4 · WAL %5 … %6 · LSN %7 … %8</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>never ended</source>
        <translation>не завершена</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 in %2 objects · restorable: %3</source>
        <translation>%1, объектов: %2 · восстановима: %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Select a backup in the table or click a point in the chart for its details.</source>
        <translation>Выберите резервную копию в таблице или щёлкните точку на графике, чтобы увидеть подробности.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>No backups</source>
        <translation>Нет резервных копий</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Size of DONE backups (MiB)</source>
        <translation>Размер копий DONE (МиБ)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+64"/>
        <source>Duration (s)</source>
        <translation>Длительность (с)</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>restorable</source>
        <translation>восстановимые</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>failed, incomplete or not restorable</source>
        <translation>с ошибкой, незавершённые или невосстановимые</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>in progress</source>
        <translation>выполняются</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>selected</source>
        <translation>выбранная</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Backup start (%1)</source>
        <translation>Начало копирования (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size (MiB)</source>
        <translation>Размер (МиБ)</translation>
    </message>
</context>
<context>
    <name>tideline::gui::BackupTableModel</name>
    <message>
        <location filename="../src/models/BackupTableModel.cpp" line="+150"/>
        <source>No backup.info yet and recent objects: barman-cloud-backup may still be running.</source>
        <translation>backup.info ещё нет, а объекты свежие: возможно, barman-cloud-backup ещё работает.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No backup.info, and a newer backup finished: this one crashed. It cannot be restored.</source>
        <translation>backup.info нет, а более новая копия завершилась: эта прервалась аварийно. Восстановить из неё нельзя.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Backup ID</source>
        <translation>ID копии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Begin (%1)</source>
        <translation>Начало (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End (%1)</source>
        <translation>Конец (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TL</source>
        <comment>timeline, column header</comment>
        <translation>TL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Begin WAL</source>
        <translation>Начальный WAL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End WAL</source>
        <translation>Конечный WAL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compr.</source>
        <comment>compression, column header</comment>
        <translation>Сжатие</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep</source>
        <comment>barman keep annotation, column header</comment>
        <translation>Хранить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restorable</source>
        <translation>Восстановима</translation>
    </message>
</context>
<context>
    <name>tideline::gui::BucketBrowserView</name>
    <message>
        <location filename="../src/views/BucketBrowserView.cpp" line="+26"/>
        <location line="+48"/>
        <source>Filter by name: a backup id, a segment, “missing”…</source>
        <translation>Фильтр по имени: ID копии, сегмент, «отсутствует»…</translation>
    </message>
</context>
<context>
    <name>tideline::gui::BucketTreeModel</name>
    <message>
        <location filename="../src/models/BucketTreeModel.cpp" line="+82"/>
        <source>Base backups (%1)</source>
        <translation>Базовые копии (%1)</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>WAL archive</source>
        <translation>Архив WAL</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Timeline %1</source>
        <translation>Линия времени %1</translation>
    </message>
    <message numerus="yes">
        <location line="-33"/>
        <location line="+43"/>
        <source>%n gap(s), %1 harmless</source>
        <translation>
            <numerusform>%n пропуск, безвредных: %1</numerusform>
            <numerusform>%n пропуска, безвредных: %1</numerusform>
            <numerusform>%n пропусков, безвредных: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>branched from TL %1</source>
        <translation>ответвлена от TL %1</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>missing, harmless: older than every backup that needs it</source>
        <translation>отсутствует, безвредно: раньше всех копий, которым он мог бы понадобиться</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>restorable: %1</source>
        <extracomment>%1 is the short answer, e.g. &quot;no: 3 WAL missing from 000000010000000000000004&quot;.</extracomment>
        <translation>восстановима: %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>MISSING: replay through here is impossible</source>
        <translation>ОТСУТСТВУЕТ: воспроизведение через это место невозможно</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>partial: the last segment of a promoted standby</source>
        <translation>partial: последний сегмент повышенной реплики</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>backup label</source>
        <translation>метка копии (backup label)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>History files</source>
        <translation>Файлы истории</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>%1 missing</source>
        <translation>отсутствует: %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Objects</source>
        <translation>Объекты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploaded (%1)</source>
        <translation>Выгружен (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Примечания</translation>
    </message>
</context>
<context>
    <name>tideline::gui::ClusterView</name>
    <message>
        <location filename="../src/views/ClusterView.cpp" line="+151"/>
        <source>No cluster selected</source>
        <translation>Кластер не выбран</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pick a cluster under KUBERNETES in the sidebar.</source>
        <translation>Выберите кластер в разделе KUBERNETES боковой панели.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open bucket</source>
        <translation>Открыть бакет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the cluster&apos;s archive in the bucket views, with the credentials of its Secret (kept in memory only)</source>
        <translation>Открыть архив кластера в видах бакета с учётными данными из его Secret (только в памяти)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the cluster and its bucket disagree</source>
        <translation>В чём кластер и его бакет расходятся</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conditions</source>
        <translation>Условия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup resources</source>
        <translation>Ресурсы Backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled backups</source>
        <translation>Копии по расписанию</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Reading the cluster and its bucket…</source>
        <translation>Чтение кластера и его бакета…</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>recoverable</source>
        <translation>восстановимо</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not recoverable</source>
        <translation>не восстановимо</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Instances</source>
        <translation>Экземпляры</translation>
    </message>
    <message>
        <location line="-110"/>
        <location line="+111"/>
        <source>Primary</source>
        <translation>Primary</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>WAL archiving (the instances through pods/proxy, held against the bucket)</source>
        <translation>Архивация WAL (экземпляры через pods/proxy в сравнении с бакетом)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour</source>
        <translation>Последний час</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 24 hours</source>
        <translation>Последние 24 часа</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+81"/>
        <source>Waiting for the first reading…</source>
        <translation>Ожидание первого замера…</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Archived</source>
        <translation>Заархивировано</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>%1 (last %2 at %3)</source>
        <translation>%1 (последний %2 в %3)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>Ошибок</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing</source>
        <translation>Пишется</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (timeline %2)</source>
        <translation>%1 (линия времени %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to be archived</source>
        <translation>Ждут архивации</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not yet in the bucket</source>
        <translation>Ещё не в бакете</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 (%n segment(s) after %2)</source>
        <translation>
            <numerusform>%1 (%n сегмент после %2)</numerusform>
            <numerusform>%1 (%n сегмента после %2)</numerusform>
            <numerusform>%1 (%n сегментов после %2)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>replica; last backup %1</source>
        <translation>реплика; последняя копия %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No archiving alert fires.</source>
        <translation>Тревог архивации нет.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Backup method</source>
        <translation>Метод копирования</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bucket</source>
        <translation>Бакет</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (server %2)</source>
        <translation>%1 (сервер %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict (bucket)</source>
        <translation>Вердикт (бакет)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First recoverability point</source>
        <translation>Первая точка восстановления</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cluster says %1; bucket says %2</source>
        <translation>кластер: %1; бакет: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restorable until</source>
        <translation>Восстановимо до</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last backup</source>
        <translation>Последняя копия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cluster says %1; bucket&apos;s newest is %2</source>
        <translation>кластер: %1; новейшая в бакете: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The cluster and its bucket agree.</source>
        <translation>Кластер и его бакет согласны.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Phase</source>
        <translation>Фаза</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Method</source>
        <translation>Метод</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Backup id</source>
        <translation>Id копии</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started</source>
        <translation>Начато</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stopped</source>
        <translation>Завершено</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>unreadable: %1</source>
        <translation>не читается: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>suspended</source>
        <translation>приостановлено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule</source>
        <translation>Расписание</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next run</source>
        <translation>Следующий запуск</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Suspended</source>
        <translation>Приостановлено</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last run</source>
        <translation>Последний запуск</translation>
    </message>
</context>
<context>
    <name>tideline::gui::ConnectionEditor</name>
    <message>
        <location filename="../src/dialogs/ConnectionEditor.cpp" line="+33"/>
        <source>Import Helm values</source>
        <translation>Импорт значений Helm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Helm values (*.yaml *.yml);;All files (*)</source>
        <translation>Значения Helm (*.yaml *.yml);;Все файлы (*)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Add object store</source>
        <translation>Добавить объектное хранилище</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit %1</source>
        <translation>Изменить %1</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>&lt;i&gt;enter a bucket&lt;/i&gt;</source>
        <translation>&lt;i&gt;укажите бакет&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel test</source>
        <translation>Отменить проверку</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Test connection</source>
        <translation>Про&amp;верить подключение</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Listing %1 …</source>
        <translation>Получение списка %1 …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test connection to %1</source>
        <translation>Проверка подключения к %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;Connected, but no server under %1.&lt;/b&gt;&lt;br&gt;Check the path: it is CNPG&apos;s destinationPath, the folder holding one folder per serverName.</source>
        <translation>&lt;b&gt;Подключено, но в %1 нет ни одного сервера.&lt;/b&gt;&lt;br&gt;Проверьте путь: это destinationPath CNPG — папка, в которой лежит по папке на каждый serverName.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>&lt;b&gt;Connected.&lt;/b&gt; %Ln server(s) under %1: %2</source>
        <translation>
            <numerusform>&lt;b&gt;Подключено.&lt;/b&gt; %Ln сервер в %1: %2</numerusform>
            <numerusform>&lt;b&gt;Подключено.&lt;/b&gt; %Ln сервера в %1: %2</numerusform>
            <numerusform>&lt;b&gt;Подключено.&lt;/b&gt; %Ln серверов в %1: %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Read Helm values %1</source>
        <translation>Чтение значений Helm %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the values carry the endpoint&apos;s CA; a connection does not keep it: add it to the system&apos;s trusted certificates or AWS_CA_BUNDLE</source>
        <translation>в values есть CA адреса хранилища; подключение его не сохраняет: добавьте его в доверенные сертификаты системы или в AWS_CA_BUNDLE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Filled in from the values&apos; %1 block.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Заполнено из блока %1 файла values.&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>tideline::gui::ConnectionsSidebar</name>
    <message>
        <location filename="../src/views/ConnectionsSidebar.cpp" line="+116"/>
        <source>Add object store…</source>
        <translation>Добавить объектное хранилище…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+16"/>
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>OBJECT STORES</source>
        <translation>ОБЪЕКТНЫЕ ХРАНИЛИЩА</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KUBERNETES</source>
        <translation>KUBERNETES</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add an object store (Ctrl+N)</source>
        <translation>Добавить объектное хранилище (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the selected connection</source>
        <translation>Изменить выбранное подключение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected connection</source>
        <translation>Удалить выбранное подключение</translation>
    </message>
</context>
<context>
    <name>tideline::gui::CredentialVault</name>
    <message>
        <location filename="../src/jobs/CredentialVault.cpp" line="+34"/>
        <source>Typed-in credentials are kept in the desktop keychain.</source>
        <translation>Введённые учётные данные хранятся в связке ключей рабочего стола.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The desktop keychain cannot keep them (%1): typed-in credentials are kept for this session only and asked for again next time.</source>
        <translation>Связка ключей рабочего стола не может их сохранить (%1): введённые учётные данные хранятся только до конца сеанса и будут запрошены снова в следующий раз.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking the desktop keychain…</source>
        <translation>Проверка связки ключей…</translation>
    </message>
</context>
<context>
    <name>tideline::gui::DoctorDialog</name>
    <message>
        <location filename="../src/dialogs/DoctorDialog.cpp" line="+22"/>
        <source>OK</source>
        <translation>В порядке</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failure</source>
        <translation>Сбой</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skipped</source>
        <translation>Пропущено</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Doctor: %1</source>
        <translation>Диагностика: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done.</source>
        <translation>Готово.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped.</source>
        <translation>Остановлено.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checks %1 and every server under it.</source>
        <translation>Проверяет %1 и все серверы в нём.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checks %1, server %2.</source>
        <translation>Проверяет %1, сервер %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finding</source>
        <translation>Что найдено</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&lt;b&gt;%1 ok&lt;/b&gt;, %2 warning(s), %3 failure(s), %4 skipped</source>
        <extracomment>%1 checks passed, %2 warnings, %3 failures, %4 skipped</extracomment>
        <translation>&lt;b&gt;в порядке: %1&lt;/b&gt;, предупреждений: %2, сбоев: %3, пропущено: %4</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Select a check to see what was found and what to do.</source>
        <translation>Выберите проверку, чтобы увидеть, что найдено и что делать.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What to do:</source>
        <translation>Что делать:</translation>
    </message>
</context>
<context>
    <name>tideline::gui::JobRunner</name>
    <message>
        <location filename="../src/jobs/JobRunner.h" line="+59"/>
        <source>The job ended without a result.</source>
        <translation>Задание завершилось без результата.</translation>
    </message>
</context>
<context>
    <name>tideline::gui::KubeSession</name>
    <message>
        <location filename="../src/jobs/KubeSession.cpp" line="+76"/>
        <source>Read the kubeconfig</source>
        <translation>Чтение kubeconfig</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+74"/>
        <source>No kubeconfig is loaded.</source>
        <translation>kubeconfig не загружен.</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>List CNPG clusters in %1</source>
        <translation>Список кластеров CNPG в %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Watch cluster %1</source>
        <translation>Наблюдение за кластером %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Watch Backups in %1</source>
        <translation>Наблюдение за Backup в %1</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Read cluster %1</source>
        <translation>Чтение кластера %1</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>Read the archiving of %1</source>
        <translation>Прочитать архивацию %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the bucket was not compared: %1</source>
        <translation>с бакетом не сравнивалось: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the primary could not be read</source>
        <translation>не удалось прочитать ведущий</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Read the archiving history of %1</source>
        <translation>Прочитать историю архивации %1</translation>
    </message>
</context>
<context>
    <name>tideline::gui::MainWindow</name>
    <message>
        <location filename="../src/app/MainWindow.cpp" line="+59"/>
        <source>%1
endpoint: %2</source>
        <translation>%1
эндпоинт: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AWS S3 (or AWS_ENDPOINT_URL)</source>
        <translation>AWS S3 (или AWS_ENDPOINT_URL)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
region: %1</source>
        <translation>
регион: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
from the command line: not saved</source>
        <translation>
из командной строки: не сохраняется</translation>
    </message>
    <message>
        <location line="+86"/>
        <location line="+3"/>
        <location line="+372"/>
        <source>Reading %1 …</source>
        <translation>Чтение %1 …</translation>
    </message>
    <message>
        <location line="-361"/>
        <source>No server &apos;%1&apos; under %2. Found: %3.</source>
        <translation>Сервера &apos;%1&apos; в %2 нет. Найдены: %3.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>About Tideline</source>
        <translation>О программе Tideline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Tideline %1&lt;/b&gt;&lt;br&gt;Barman Cloud backups of CloudNativePG clusters: what can be restored, to which second, and what is missing from the WAL archive.</source>
        <translation>&lt;b&gt;Tideline %1&lt;/b&gt;&lt;br&gt;Резервные копии Barman Cloud кластеров CloudNativePG: что можно восстановить, с точностью до секунды, и чего не хватает в архиве WAL.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Times in </source>
        <translation>Время: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>local time (%1)</source>
        <translation>местное (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The zone every time in the window is shown in</source>
        <translation>Часовой пояс, в котором окно показывает всё время</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System default</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>Reading the credentials from the keychain …</source>
        <translation>Чтение учётных данных из связки ключей …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The credentials of this connection are not available (%1).

Edit the connection (Ctrl+E) and enter the access key again.</source>
        <translation>Учётные данные этого подключения недоступны (%1).

Измените подключение (Ctrl+E) и введите ключ доступа заново.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 — %2 — Tideline</source>
        <translation>%1 — %2 — Tideline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n backup(s)</source>
        <translation>
            <numerusform>%n резервная копия</numerusform>
            <numerusform>%n резервные копии</numerusform>
            <numerusform>%n резервных копий</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n timeline(s)</source>
        <translation>
            <numerusform>%n линия времени</numerusform>
            <numerusform>%n линии времени</numerusform>
            <numerusform>%n линий времени</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+55"/>
        <source>Read %n server(s) of %1.</source>
        <translation>
            <numerusform>Прочитан %n сервер из %1.</numerusform>
            <numerusform>Прочитано %n сервера из %1.</numerusform>
            <numerusform>Прочитано %n серверов из %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No server &apos;%1&apos; under %2. Hint: run tideline-cli servers %2.</source>
        <translation>Сервера &apos;%1&apos; в %2 нет. Подсказка: выполните tideline-cli servers %2.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cannot write %1. Hint: check that its folder exists and is writable.</source>
        <translation>Не удаётся записать %1. Подсказка: проверьте, что папка существует и доступна для записи.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>API server: %1</source>
        <translation>API-сервер: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Kubernetes: %1</source>
        <translation>Kubernetes: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Read %1.</source>
        <translation>Прочитано: %1.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The archiving history could not be read: %1</source>
        <translation>Не удалось прочитать историю архивирования: %1</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>No kubeconfig context to read %1 through. Hint: pass --kubeconfig FILE.</source>
        <translation>Нет контекста kubeconfig, чтобы прочитать %1. Подсказка: передайте --kubeconfig FILE.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No kubeconfig context to read the cluster through.

Pass --kubeconfig FILE or set KUBECONFIG.</source>
        <translation>Нет контекста kubeconfig, чтобы прочитать кластер.

Передайте --kubeconfig FILE или задайте KUBECONFIG.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Archiving alert on %1</source>
        <translation>Тревога архивации в %1</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Open a server first: the wizard restores the selected one.</source>
        <translation>Сначала откройте сервер: мастер восстанавливает выбранный.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Open a server first: retention works on the selected one.</source>
        <translation>Сначала откройте сервер: политика хранения работает с выбранным.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open a source first: the doctor checks the open one.</source>
        <translation>Сначала откройте источник: диагностика проверяет открытый.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Open a server first: verify reads the selected one.</source>
        <translation>Сначала откройте сервер: проверка читает выбранный.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No keychain (%1): the credentials are kept for this session only.</source>
        <translation>Нет связки ключей (%1): учётные данные хранятся только до конца сеанса.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Remove connection</source>
        <translation>Удаление подключения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1 from the sidebar? The bucket is not touched.</source>
        <translation>Убрать %1 из боковой панели? Бакет не затрагивается.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No source open</source>
        <translation>Источник не открыт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pick a connection in the sidebar.</source>
        <translation>Выберите подключение на боковой панели.</translation>
    </message>
</context>
<context>
    <name>tideline::gui::OverviewView</name>
    <message>
        <location filename="../src/views/OverviewView.cpp" line="+114"/>
        <source>LAST BACKUP</source>
        <translation>ПОСЛЕДНЯЯ КОПИЯ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LAST ARCHIVED WAL</source>
        <translation>ПОСЛЕДНИЙ WAL В АРХИВЕ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAL ARCHIVE GAPS</source>
        <translation>ПРОПУСКИ В АРХИВЕ WAL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BACKUPS</source>
        <translation>РЕЗЕРВНЫЕ КОПИИ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STORAGE</source>
        <translation>ХРАНИЛИЩЕ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WARNINGS</source>
        <translation>ПРЕДУПРЕЖДЕНИЯ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recoverability window per timeline</source>
        <translation>Окно восстановления по линиям времени</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No source open</source>
        <translation>Источник не открыт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add an object store in the sidebar (Ctrl+N), or start Tideline with a SOURCE_URL.</source>
        <translation>Добавьте объектное хранилище на боковой панели (Ctrl+N) или запустите Tideline с SOURCE_URL.</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>system id %1</source>
        <translation>идентификатор системы %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WAL segment %1 (inferred)</source>
        <translation>сегмент WAL %1 (определён по именам)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAL segment %1</source>
        <translation>сегмент WAL %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>read %1 in %n request(s)</source>
        <translation>
            <numerusform>прочитано %1 за %n запрос</numerusform>
            <numerusform>прочитано %1 за %n запроса</numerusform>
            <numerusform>прочитано %1 за %n запросов</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+11"/>
        <source>✔  Restorable from %1 to %2</source>
        <translation>✔  Восстановимо с %1 по %2</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Timeline %1: from the end of backup %2 to the last commit (xid %3, LSN %4, %5), in WAL archived up to %6 (uploaded %7).</source>
        <translation>Линия времени %1: от конца резервной копии %2 до последней фиксации (xid %3, LSN %4, %5), в WAL, заархивированном до %6 (загружен %7).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Timeline %1: from the end of backup %2 to the last archived WAL %3 (uploaded %4); no commit was found in its WAL.</source>
        <translation>Линия времени %1: от конца резервной копии %2 до последнего заархивированного WAL %3 (загружен %4); фиксаций в её WAL не найдено.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeline %1: from the end of backup %2 to the last archived WAL %3 (uploaded %4). The last commit is not known:</source>
        <translation>Линия времени %1: от конца резервной копии %2 до последнего заархивированного WAL %3 (загружен %4). Последняя фиксация неизвестна:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timeline %1: from the end of backup %2 to the last archived WAL %3 (uploaded %4); reading the WAL for the last commit…</source>
        <translation>Линия времени %1: от конца резервной копии %2 до последнего заархивированного WAL %3 (загружен %4); WAL читается в поисках последней фиксации…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>▲  Restorable only from %1 to %2</source>
        <translation>▲  Восстановимо только с %1 по %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeline %1: a gap in the WAL archive stops replay at %2; WAL was archived until %3 (%4) but cannot be reached.</source>
        <translation>Линия времени %1: пропуск в архиве WAL останавливает воспроизведение на %2; WAL архивировался до %3 (%4), но до него не дойти.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✖  Nothing after the switch to timeline %1 is restorable</source>
        <translation>✖  После переключения на линию времени %1 восстановить нечего</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A restore follows timeline %1 (latest) by default, and no backup reaches its archived WAL: a gap at its start, or nothing archived on it yet. Timeline %2 is restorable from %3 to %4 with --target-tli %2.</source>
        <translation>Восстановление по умолчанию идёт по линии времени %1 (latest), а ни одна резервная копия не доходит до её WAL в архиве: пропуск в её начале или в архиве на ней ещё ничего нет. Линия времени %2 восстановима с %3 до %4 с --target-tli %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>✖  Nothing restorable</source>
        <translation>✖  Восстановить нечего</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No DONE backup has all of its WAL in the archive. A restore from this bucket would fail; see the Backups tab for why.</source>
        <translation>Ни у одной копии DONE нет в архиве всего нужного ей WAL. Восстановление из этого бакета не удастся; причины — на вкладке «Резервные копии».</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 · ended %2 · %3</source>
        <translation>%1 · завершена %2 · %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>newer: %1 is %2</source>
        <translation>новее: %1 в состоянии %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <location line="+3"/>
        <location line="+33"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>no backup finished</source>
        <translation>ни одна копия не завершена</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 · uploaded %2</source>
        <translation>%1 · выгружен %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the WAL archive is empty</source>
        <translation>архив WAL пуст</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>every segment from each timeline&apos;s first to its last</source>
        <translation>все сегменты каждой линии времени, от первого до последнего</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n harmless</source>
        <translation>
            <numerusform>%n безвредный</numerusform>
            <numerusform>%n безвредных</numerusform>
            <numerusform>%n безвредных</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>older than every backup that needs them</source>
        <translation>раньше всех копий, которым они могли бы понадобиться</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 missing</source>
        <translation>не хватает %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n gap(s), %1 harmless: see the WAL archive tab</source>
        <translation>
            <numerusform>%n пропуск, безвредных: %1 — см. вкладку «Архив WAL»</numerusform>
            <numerusform>%n пропуска, безвредных: %1 — см. вкладку «Архив WAL»</numerusform>
            <numerusform>%n пропусков, безвредных: %1 — см. вкладку «Архив WAL»</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 done</source>
        <translation>готово: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 failed</source>
        <translation>с ошибкой: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 running</source>
        <translation>выполняется: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 incomplete</source>
        <translation>не завершено: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 unreadable</source>
        <translation>не читается: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n restorable</source>
        <translation>
            <numerusform>%n восстановимая</numerusform>
            <numerusform>%n восстановимые</numerusform>
            <numerusform>%n восстановимых</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>base %1 in %2 objects · WAL %3 in %4 objects</source>
        <translation>базовые копии %1, объектов: %2 · WAL %3, объектов: %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no mixed system ids, no clock skew</source>
        <translation>нет смешанных идентификаторов систем и расхождения часов</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>listed below</source>
        <translation>см. ниже</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>TL</source>
        <comment>timeline, column header</comment>
        <translation>TL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent</source>
        <comment>parent timeline, column header</comment>
        <translation>Родитель</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restorable from (%1)</source>
        <translation>Восстановимо с (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From backup</source>
        <translation>Из копии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restorable until (%1)</source>
        <translation>Восстановимо до (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last archived WAL</source>
        <translation>Последний WAL в архиве</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploaded (%1)</source>
        <translation>Выгружен (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>no backup reaches it</source>
        <translation>не покрыта ни одной копией</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cut short by a gap at %1</source>
        <translation>обрезано пропуском на %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>to the last commit, xid %1</source>
        <translation>до последней фиксации, xid %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to the last archived WAL</source>
        <translation>до последнего WAL в архиве</translation>
    </message>
</context>
<context>
    <name>tideline::gui::PitrTimeline</name>
    <message>
        <location filename="../src/views/PitrTimeline.cpp" line="+150"/>
        <source>Restorable</source>
        <translation>Восстановимо</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backups</source>
        <translation>Копии</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commits/min</source>
        <translation>Фиксаций/мин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TL %1 WAL</source>
        <translation>TL %1 WAL</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>Backup %1 (%2)</source>
        <translation>Копия %1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>timeline %1, %2 → %3</source>
        <translation>линия времени %1, %2 → %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 in the bucket, restorable</source>
        <translation>%1 в бакете, можно восстановить</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 in the bucket, not restorable</source>
        <translation>%1 в бакете, восстановить нельзя</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>after %1</source>
        <translation>после %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore point &apos;%1&apos;
%2, timeline %3, LSN %4</source>
        <translation>Точка восстановления «%1»
%2, линия времени %3, LSN %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Relation files dropped at commit (DROP, TRUNCATE or a rewrite): %1
%2, xid %3, timeline %4, LSN %5
Click it in the list below to restore to just before it</source>
        <translation>Файлы отношений удалены при фиксации (DROP, TRUNCATE или перезапись): %1
%2, xid %3, линия времени %4, LSN %5
Щёлкните по событию в списке ниже, чтобы восстановить до момента перед ним</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 truncated to %2 blocks
%3, timeline %4, LSN %5</source>
        <translation>%1 усечён до %2 блоков
%3, линия времени %4, LSN %5</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%Ln commit(s) in the minute from %1</source>
        <translation>
            <numerusform>%Ln фиксация за минуту с %1</numerusform>
            <numerusform>%Ln фиксации за минуту с %1</numerusform>
            <numerusform>%Ln фиксаций за минуту с %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recoverable: %1 → %2</source>
        <translation>Можно восстановить: %1 → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not recoverable at %1</source>
        <translation>Нельзя восстановить на %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Timeline %1: segment %2
uploaded %3, %4</source>
        <translation>Линия времени %1: сегмент %2
выгружен %3, %4</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Timeline %1: gap, %Ln segment(s) missing
%2 … %3</source>
        <translation>
            <numerusform>Линия времени %1: пропуск, отсутствует %Ln сегмент
%2 … %3</numerusform>
            <numerusform>Линия времени %1: пропуск, отсутствуют %Ln сегмента
%2 … %3</numerusform>
            <numerusform>Линия времени %1: пропуск, отсутствуют %Ln сегментов
%2 … %3</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Timeline %1 at %2</source>
        <translation>Линия времени %1, %2</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>restorable</source>
        <comment>legend</comment>
        <translation>восстановимо</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backup</source>
        <comment>legend</comment>
        <translation>копия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backup not restorable</source>
        <comment>legend</comment>
        <translation>копия невосстановима</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAL archived</source>
        <comment>legend</comment>
        <translation>WAL в архиве</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gap</source>
        <comment>legend</comment>
        <translation>пропуск</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>harmless gap</source>
        <comment>legend</comment>
        <translation>безвредный пропуск</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timeline switch</source>
        <comment>legend</comment>
        <translation>смена линии времени</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>target</source>
        <comment>legend</comment>
        <translation>цель</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed by retention</source>
        <comment>legend</comment>
        <translation>удаляется хранением</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restore point</source>
        <comment>legend</comment>
        <translation>точка восстановления</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>files dropped</source>
        <comment>legend</comment>
        <translation>файлы удалены</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No server loaded</source>
        <translation>Сервер не загружен</translation>
    </message>
</context>
<context>
    <name>tideline::gui::PitrView</name>
    <message>
        <location filename="../src/views/PitrView.cpp" line="+275"/>
        <source>files dropped (DROP, TRUNCATE or rewrite)</source>
        <translation>файлы удалены (DROP, TRUNCATE или перезапись)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>xid %1: %2</source>
        <extracomment>%1 is a transaction id, %2 relation file paths</extracomment>
        <translation>xid %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>relation truncated</source>
        <translation>отношение усечено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 to %2 blocks</source>
        <extracomment>%1 is a relation file path, %2 a number of 8 KiB blocks</extracomment>
        <translation>%1 до %2 блоков</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>restore point</source>
        <translation>точка восстановления</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>timeline switch</source>
        <translation>переключение линии времени</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>from timeline %1</source>
        <extracomment>%1 is a timeline number</extracomment>
        <translation>с линии времени %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>after %1</source>
        <translation>после %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Click: restore to just before this</source>
        <translation>Щелчок: восстановить до момента перед этим</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Local time (%1); change it in View ▸ Times in</source>
        <translation>Местное время (%1); переключается в меню «Вид»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coordinated Universal Time, as barman and CNPG write it</source>
        <translation>Всемирное координированное время, как его пишут barman и CNPG</translation>
    </message>
    <message>
        <location line="+65"/>
        <location line="+1"/>
        <source>e.g. %1</source>
        <translation>напр. %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a pg_create_restore_point() name</source>
        <translation>имя из pg_create_restore_point()</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 does not exist in %2: the clocks skipped it for daylight saving time. Pick another time, or switch the window to UTC.</source>
        <translation>%1 не существует в %2: при переходе на летнее время часы его пропустили. Выберите другое время или переключите окно на UTC.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 happened twice in %2 (daylight saving time ended): it cannot be a target. Switch the window to UTC to say which one you mean.</source>
        <translation>%1 наступало в %2 дважды (закончилось летнее время): это не может быть целью. Переключите окно на UTC, чтобы указать, какой из моментов имеется в виду.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A transaction id is a decimal number.</source>
        <translation>ID транзакции — десятичное число.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>An LSN looks like %1.</source>
        <translation>LSN выглядит так: %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the restore point&apos;s name.</source>
        <translation>Введите имя точки восстановления.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No server loaded.</source>
        <translation>Сервер не загружен.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;No target&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;Нет цели&lt;/b&gt;: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Planning…</source>
        <translation>Планирование…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Use the nearest valid target: %1</source>
        <translation>Взять ближайшую допустимую цель: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Verdict: %1</source>
        <translation>Вердикт: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Base backup: %1 (timeline %2)</source>
        <translation>Базовая копия: %1 (линия времени %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeline path: %1</source>
        <translation>Путь по линиям времени: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>WAL needed: %Ln segment(s), %1 → %2</source>
        <translation>
            <numerusform>Нужен WAL: %Ln сегмент, %1 → %2</numerusform>
            <numerusform>Нужен WAL: %Ln сегмента, %1 → %2</numerusform>
            <numerusform>Нужен WAL: %Ln сегментов, %1 → %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>end of archive</source>
        <translation>конец архива</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln missing (first %1)</source>
        <translation>
            <numerusform>%Ln отсутствует (первый: %1)</numerusform>
            <numerusform>%Ln отсутствуют (первый: %1)</numerusform>
            <numerusform>%Ln отсутствуют (первый: %1)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Download: %1 · estimated time: %2</source>
        <translation>Загрузка: %1 · оценка времени: %2</translation>
    </message>
</context>
<context>
    <name>tideline::gui::RestoreWizard</name>
    <message>
        <location filename="../src/dialogs/RestoreWizard.cpp" line="+80"/>
        <location line="+122"/>
        <source>Restore %1</source>
        <translation>Восстановление %1</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Restore into</source>
        <translation>Восстановить в</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Plan</source>
        <comment>review heading</comment>
        <translation>План</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — verdict &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>%1 — вердикт: &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Base backup &lt;b&gt;%1&lt;/b&gt;; timelines %2; WAL %Ln segment(s) from %3; download %4; estimated %5.</source>
        <translation>
            <numerusform>Базовая копия &lt;b&gt;%1&lt;/b&gt;; линии времени %2; WAL: %Ln сегмент, начиная с %3; загрузка %4; оценка времени %5.</numerusform>
            <numerusform>Базовая копия &lt;b&gt;%1&lt;/b&gt;; линии времени %2; WAL: %Ln сегмента, начиная с %3; загрузка %4; оценка времени %5.</numerusform>
            <numerusform>Базовая копия &lt;b&gt;%1&lt;/b&gt;; линии времени %2; WAL: %Ln сегментов, начиная с %3; загрузка %4; оценка времени %5.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What will be written where</source>
        <translation>Что и куда будет записано</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing is written anywhere: the manifest is shown, to copy or save, for cluster &lt;b&gt;%1&lt;/b&gt; in namespace &lt;b&gt;%2&lt;/b&gt; (%3). Apply it yourself with kubectl or through GitOps.</source>
        <translation>Ничего никуда не записывается: манифест для кластера &lt;b&gt;%1&lt;/b&gt; в пространстве имён &lt;b&gt;%2&lt;/b&gt; (%3) только показывается, чтобы его скопировать или сохранить. Примените его сами через kubectl или GitOps.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>in place: the cluster must be deleted first</source>
        <translation>на месте: сначала кластер нужно удалить</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a new cluster</source>
        <translation>новый кластер</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The base backup is extracted into &lt;b&gt;%1&lt;/b&gt; (it must be absent or empty: the engine refuses a non-empty one), with recovery.signal and a restore_command:</source>
        <translation>Базовая копия извлекается в &lt;b&gt;%1&lt;/b&gt; (каталог должен отсутствовать или быть пустым: в непустой восстановление не выполняется), с recovery.signal и restore_command:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A scratch directory under %1 is restored into, PostgreSQL 15 is started on it (no TCP port, archive_mode=off), checked, stopped and removed. The report is added to this server&apos;s drill history.</source>
        <translation>Восстановление выполняется во временный каталог в %1, на нём запускается PostgreSQL 15 (без TCP-порта, archive_mode=off), выполняются проверки, затем сервер останавливается, а каталог удаляется. Отчёт добавляется в журнал учебных восстановлений этого сервера.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+3"/>
        <source>Refused</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tideline-cli was not found next to this program nor in ../cli; set TIDELINE_CLI to its path.</source>
        <translation>tideline-cli не найден ни рядом с этой программой, ни в ../cli; укажите путь к нему в TIDELINE_CLI.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;%1&lt;/b&gt; of &lt;b&gt;%2&lt;/b&gt; (%3)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, сервер &lt;b&gt;%2&lt;/b&gt; (%3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verdict: &lt;b&gt;%1&lt;/b&gt;; base backup %2.</source>
        <translation>Вердикт: &lt;b&gt;%1&lt;/b&gt;; базовая копия: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <comment>no base backup</comment>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refused: %1&lt;br&gt;&lt;i&gt;%2&lt;/i&gt;</source>
        <translation>Отклонено: %1&lt;br&gt;&lt;i&gt;%2&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick another target on the timeline.</source>
        <translation>Выберите другую цель на шкале времени.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;In place&lt;/b&gt; replaces the cluster %1. Type the server name &lt;b&gt;%1&lt;/b&gt; to go on.</source>
        <translation>&lt;b&gt;На месте&lt;/b&gt; заменяет кластер %1. Чтобы продолжить, введите имя сервера &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Refused: %1</source>
        <translation>Отклонено: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The manifest recovers backup %1; the recovered cluster archives as %2.</source>
        <translation>Манифест восстанавливает копию %1; восстановленный кластер архивирует WAL как %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>tideline-cli not found; set TIDELINE_CLI to its path.</source>
        <translation>tideline-cli не найден; укажите путь к нему в TIDELINE_CLI.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The source is not open.</source>
        <translation>Источник не открыт.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Restoring into %1 …</source>
        <translation>Восстановление в %1 …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore %1 into %2</source>
        <translation>Восстановление %1 в %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Restored into %1.</source>
        <translation>Восстановлено в %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Drilling %1 …</source>
        <translation>Учебное восстановление копии %1 …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drill %1 of %2</source>
        <translation>Учебное восстановление сервера %2: %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The drill passed in %1.</source>
        <translation>Учебное восстановление пройдено за %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The drill failed: %1</source>
        <translation>Учебное восстановление не пройдено: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>Drill history of %1: %Ln drill(s), %2 passed.</source>
        <translation>
            <numerusform>Журнал учебных восстановлений %1: %Ln восстановление, успешных: %2.</numerusform>
            <numerusform>Журнал учебных восстановлений %1: %Ln восстановления, успешных: %2.</numerusform>
            <numerusform>Журнал учебных восстановлений %1: %Ln восстановлений, успешных: %2.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last passing drill: %1.</source>
        <translation>Последнее успешное: %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Before applying:</source>
        <translation>Перед применением:</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Save the manifest</source>
        <translation>Сохранить манифест</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved to %1.</source>
        <translation>Сохранено в %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot write %1.</source>
        <translation>Не удалось записать %1.</translation>
    </message>
</context>
<context>
    <name>tideline::gui::RetentionDialog</name>
    <message>
        <location filename="../src/dialogs/RetentionDialog.cpp" line="+83"/>
        <location line="+244"/>
        <location line="+48"/>
        <source>Retention of %1</source>
        <translation>Политика хранения %1</translation>
    </message>
    <message>
        <location line="-234"/>
        <source>Retention preview of %1</source>
        <translation>Предпросмотр политики хранения %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Backup</source>
        <translation>Копия</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep</source>
        <translation>Закрепление</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 (new: %2)</source>
        <extracomment>%1 the keep a tier writes (standalone), %2 the tiers (&quot;daily, weekly&quot;)</extracomment>
        <translation>%1 (новая: %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>released (no tier keeps it)</source>
        <translation>снимается (ни один уровень её не держит)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>delete</source>
        <translation>удалить</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>keep</source>
        <translation>оставить</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>nothing</source>
        <translation>ничего</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: nothing to delete.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: удалять нечего.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %n backup(s) and %2 WAL file(s) go, freeing &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: удаляется %n копия и файлов WAL: %2, освободится &lt;b&gt;%3&lt;/b&gt;.</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: удаляются %n копии и файлов WAL: %2, освободится &lt;b&gt;%3&lt;/b&gt;.</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: удаляется %n копий и файлов WAL: %2, освободится &lt;b&gt;%3&lt;/b&gt;.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restorable from %1.</source>
        <translation>Восстановимо с %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restorable from %1, then from &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation>Восстановимо с %1, затем с &lt;b&gt;%2&lt;/b&gt;.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Tiers %1 keep %n more backup(s) and release %2.</source>
        <extracomment>%1 the tiers as typed; %n backups newly kept, %2 keeps released</extracomment>
        <translation>
            <numerusform>Уровни %1 сохраняют ещё %n копию и снимают %2.</numerusform>
            <numerusform>Уровни %1 сохраняют ещё %n копии и снимают %2.</numerusform>
            <numerusform>Уровни %1 сохраняют ещё %n копий и снимают %2.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Previewed at %1: it cannot be applied.</source>
        <translation>Просмотр на %1: применить нельзя.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot be applied: %1</source>
        <translation>Применить нельзя: %1</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Keeping %1…</source>
        <translation>Закрепление %1…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Releasing %1…</source>
        <translation>Снятие закрепления %1…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep annotation of %1</source>
        <translation>Закрепление копии %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: keep annotation saved.</source>
        <translation>%1: закрепление сохранено.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Deleting…</source>
        <translation>Удаление…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Nothing was deleted: the bucket changed since the preview. Look at the new preview, then apply again.</source>
        <translation>Ничего не удалено: бакет изменился после предпросмотра. Посмотрите новый предпросмотр и примените снова.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Deleted %n object(s): %1 backup(s).</source>
        <translation>
            <numerusform>Удалён %n объект (копий: %1).</numerusform>
            <numerusform>Удалено %n объекта (копий: %1).</numerusform>
            <numerusform>Удалено %n объектов (копий: %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n object(s) stayed (first: %1); apply again to finish.</source>
        <translation>
            <numerusform>Остался %n объект (первый: %1); примените снова, чтобы закончить.</numerusform>
            <numerusform>Осталось %n объекта (первый: %1); примените снова, чтобы закончить.</numerusform>
            <numerusform>Осталось %n объектов (первый: %1); примените снова, чтобы закончить.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::SourceSession</name>
    <message>
        <location filename="../src/jobs/SourceSession.cpp" line="+21"/>
        <source>listing servers</source>
        <translation>получение списка серверов</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>List servers in %1</source>
        <translation>Список серверов в %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No server under %1.</source>
        <translation>В %1 нет серверов.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the bucket and path: they are CNPG&apos;s destinationPath, the folder that holds one folder per serverName.</source>
        <translation>Проверьте бакет и путь: это destinationPath из CNPG, папка с отдельной папкой на каждый serverName.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Load %1 from %2</source>
        <translation>Загрузка %1 из %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Read the WAL records of %1</source>
        <translation>Чтение записей WAL сервера %1</translation>
    </message>
</context>
<context>
    <name>tideline::gui::TransferModel</name>
    <message>
        <location filename="../src/models/TransferModel.cpp" line="+36"/>
        <source>%1/s</source>
        <comment>bytes per second</comment>
        <translation>%1/с</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 /s</source>
        <comment>items per second</comment>
        <translation>%1 /с</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>starting</source>
        <translation>запуск</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed: %1</source>
        <translation>ошибка: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1
Hint: %2</source>
        <translation>%1
Подсказка: %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Job</source>
        <translation>Задание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Прогресс</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items</source>
        <translation>Элементы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate</source>
        <translation>Скорость</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ETA</source>
        <comment>estimated time left, column header</comment>
        <translation>Осталось</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elapsed</source>
        <translation>Прошло</translation>
    </message>
</context>
<context>
    <name>tideline::gui::TransfersView</name>
    <message>
        <location filename="../src/views/TransfersView.cpp" line="+41"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1%</source>
        <comment>progress percent</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the selected job (Del)</source>
        <translation>Остановить выбранное задание (Del)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear finished</source>
        <translation>Убрать завершённые</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&lt;br&gt;&lt;i&gt;Hint:&lt;/i&gt; %1</source>
        <translation>&lt;br&gt;&lt;i&gt;Подсказка:&lt;/i&gt; %1</translation>
    </message>
</context>
<context>
    <name>tideline::gui::UsageTableModel</name>
    <message>
        <location filename="../src/models/UsageTableModel.cpp" line="+56"/>
        <source>all</source>
        <comment>every month of a server</comment>
        <translation>всего</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month (UTC)</source>
        <translation>Месяц (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base objects</source>
        <translation>Объекты копий</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base size</source>
        <translation>Размер копий</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAL objects</source>
        <translation>Объекты WAL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WAL size</source>
        <translation>Размер WAL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
</context>
<context>
    <name>tideline::gui::UsageView</name>
    <message>
        <location filename="../src/views/UsageView.cpp" line="+52"/>
        <location line="+46"/>
        <source>Server:</source>
        <translation>Сервер:</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No objects</source>
        <translation>Нет объектов</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 (base %3, WAL %4)</source>
        <translation>%1: %2 (базовые копии %3, WAL %4)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Base backups</source>
        <translation>Базовые копии</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Month of upload (UTC)</source>
        <translation>Месяц выгрузки (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size (%1)</source>
        <translation>Размер (%1)</translation>
    </message>
</context>
<context>
    <name>tideline::gui::VerifyDialog</name>
    <message>
        <location filename="../src/dialogs/VerifyDialog.cpp" line="+74"/>
        <source>Verify: %1</source>
        <translation>Проверка: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Done.</source>
        <translation>Готово.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped.</source>
        <translation>Остановлено.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reading…</source>
        <translation>Чтение…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reads every backup and WAL segment of server %1 in %2 as a restore would, writing nothing, and lists what a restore would trip on.</source>
        <translation>Читает все копии и сегменты WAL сервера %1 в %2 так, как их читает восстановление, ничего не записывая, и перечисляет, на чём восстановление споткнётся.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No problem found.</source>
        <translation>Проблем не найдено.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n problem(s).</source>
        <translation>
            <numerusform>%n проблема.</numerusform>
            <numerusform>%n проблемы.</numerusform>
            <numerusform>%n проблем.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n backup(s); WAL: %1 found, %2 missing before every backup, %3 missing where a restore needs them.</source>
        <extracomment>%1 backups, %2 segments found, %3 missing but harmless, %4 missing where a restore needs them</extracomment>
        <translation>
            <numerusform>%n копия; WAL: найдено %1, нет до всех копий %2, нет там, где нужно восстановлению, %3.</numerusform>
            <numerusform>%n копии; WAL: найдено %1, нет до всех копий %2, нет там, где нужно восстановлению, %3.</numerusform>
            <numerusform>%n копий; WAL: найдено %1, нет до всех копий %2, нет там, где нужно восстановлению, %3.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Read now: %1 objects, %2. Unchanged since an earlier run: %3 objects.</source>
        <extracomment>%1 objects, %2 a size, %3 objects unchanged since an earlier run</extracomment>
        <translation>Прочитано сейчас: объектов %1, %2. Не изменились с прошлой проверки: объектов %3.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n failed or unfinished backup(s) left out.</source>
        <translation>
            <numerusform>%n неудачная или незавершённая копия пропущена.</numerusform>
            <numerusform>%n неудачные или незавершённые копии пропущены.</numerusform>
            <numerusform>%n неудачных или незавершённых копий пропущено.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tideline::gui::WalArchiveView</name>
    <message>
        <location filename="../src/views/WalArchiveView.cpp" line="+53"/>
        <source>per minute</source>
        <translation>поминутно</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>per hour</source>
        <translation>почасово</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>per day</source>
        <translation>посуточно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per %1</source>
        <comment>a bin width: per 5 min</comment>
        <translation>по %1</translation>
    </message>
    <message numerus="yes">
        <location line="+95"/>
        <source>&lt;b&gt;%1&lt;/b&gt; segments on %n timeline(s)</source>
        <translation>
            <numerusform>сегментов: &lt;b&gt;%1&lt;/b&gt; на %n линии времени</numerusform>
            <numerusform>сегментов: &lt;b&gt;%1&lt;/b&gt; на %n линиях времени</numerusform>
            <numerusform>сегментов: &lt;b&gt;%1&lt;/b&gt; на %n линиях времени</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;%1&lt;/b&gt; segments/hour on average, peak %2/hour</source>
        <translation>в среднем &lt;b&gt;%1&lt;/b&gt; сегм./ч, пик %2/ч</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>longest silence &lt;b&gt;%1&lt;/b&gt; (after %2, %3)</source>
        <translation>самая долгая пауза &lt;b&gt;%1&lt;/b&gt; (после %2, %3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>last upload %1</source>
        <translation>последняя выгрузка %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>archive delay up to &lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <extracomment>%1 is a duration, %2 a WAL segment name</extracomment>
        <translation>задержка архивации до &lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n segment(s) not readable as WAL</source>
        <translation>
            <numerusform>%n сегмент не читается как WAL</numerusform>
            <numerusform>%n сегмента не читаются как WAL</numerusform>
            <numerusform>%n сегментов не читаются как WAL</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n gap(s) that stop replay</source>
        <translation>
            <numerusform>%n пропуск, останавливающий воспроизведение</numerusform>
            <numerusform>%n пропуска, останавливающих воспроизведение</numerusform>
            <numerusform>%n пропусков, останавливающих воспроизведение</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The WAL archive is empty</source>
        <translation>Архив WAL пуст</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>segments per hour (counted %1)</source>
        <translation>сегментов в час (подсчёт %1)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Upload time (%1)</source>
        <translation>Время выгрузки (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>per hour</source>
        <comment>axis title: segments per hour</comment>
        <translation>сегментов в час</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>longest silence (%1)</source>
        <translation>самая долгая пауза (%1)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>archive delay: upload after the last record</source>
        <translation>задержка архивации: загрузка после последней записи</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>delay (s)</source>
        <comment>axis title: archive delay in seconds</comment>
        <translation>задержка (с)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>timeline switch</source>
        <translation>смена линии времени</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>harmless gap</source>
        <translation>безвредный пропуск</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>gap</source>
        <translation>пропуск</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>TL</source>
        <comment>timeline, column header</comment>
        <translation>TL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent</source>
        <comment>parent timeline, column header</comment>
        <translation>Родитель</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch LSN</source>
        <translation>LSN переключения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First</source>
        <comment>first segment, column header</comment>
        <translation>Первый</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last</source>
        <comment>last segment, column header</comment>
        <translation>Последний</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segments</source>
        <translation>Сегменты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partial</source>
        <comment>.partial segments, column header</comment>
        <translation>Частичные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last upload (%1)</source>
        <translation>Последняя выгрузка (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gaps</source>
        <translation>Пропуски</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>none</source>
        <comment>no gaps</comment>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2 harmless)</source>
        <translation>%1 (безвредных: %2)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>harmless: older than every backup needing it</source>
        <translation>безвредно: раньше всех копий, которым он мог бы понадобиться</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GAP: replay cannot pass it</source>
        <translation>ПРОПУСК: воспроизведение через него невозможно</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 missing</source>
        <translation>отсутствует: %1</translation>
    </message>
</context>
</TS>
